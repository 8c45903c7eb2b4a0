//! The command line on a small model: what it writes, and its errors on bad input (a clear
//! message, no panic, and the output file left as it was).

use std::path::PathBuf;
use std::process::{Command, Output};

const MODEL: &str = r#"{
  "metadata": {"apiVersion": "2015-10-01", "protocol": "json", "jsonVersion": "1.1",
               "serviceId": "GameLift", "targetPrefix": "GameLift", "signingName": "gamelift",
               "endpointPrefix": "gamelift"},
  "operations": {
    "CreatePlayerSession": {"name": "CreatePlayerSession", "input": {"shape": "CreateInput"},
      "output": {"shape": "CreateOutput"}, "errors": [{"shape": "NotFoundException"}],
      "documentation": "<p>Reserves a <code>PlayerSession</code>.</p>"},
    "Anonymous": {"name": "Anonymous", "input": {"shape": "CreateInput"}, "authtype": "none"},
    "Subscribe": {"name": "Subscribe", "input": {"shape": "CreateInput"},
      "output": {"shape": "StreamOutput"}}
  },
  "shapes": {
    "CreateInput": {"type": "structure", "required": ["GameSessionId"], "members": {
      "GameSessionId": {"shape": "Id"}, "MD5OfBody": {"shape": "Id"}, "Type": {"shape": "Status"}}},
    "CreateOutput": {"type": "structure", "required": ["State", "Count"], "members": {
      "Session": {"shape": "Session"}, "State": {"shape": "Status"}, "Count": {"shape": "Count"}}},
    "Count": {"type": "integer"},
    "Session": {"type": "structure", "members": {"Next": {"shape": "Session"},
      "Created": {"shape": "Time"}}},
    "Unused": {"type": "structure", "members": {}},
    "Id": {"type": "string", "min": 1, "max": 64},
    "Status": {"type": "string", "enum": ["ACTIVE", "TIMED_OUT", "t2.micro"]},
    "Time": {"type": "timestamp"},
    "NotFoundException": {"type": "structure", "members": {"Message": {"shape": "Id"}},
      "exception": true},
    "StreamOutput": {"type": "structure", "members": {"Events": {"shape": "Events"}}},
    "Events": {"type": "structure", "eventstream": true, "members": {}}
  }
}"#;

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("awso-codegen-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_awso-codegen"))
        .args(args)
        .output()
        .expect("run awso-codegen")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn writes_only_what_the_operations_reach_deterministically() {
    let d = dir("ok");
    let model = d.join("service-2.json");
    std::fs::write(&model, MODEL).expect("write model");
    let out = d.join("gamelift.rs");
    let args = [
        "--model",
        model.to_str().expect("path"),
        "--operations",
        "CreatePlayerSession,Anonymous",
        "--out",
        out.to_str().expect("path"),
    ];
    let o = run(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    let first = std::fs::read_to_string(&out).expect("output");
    let o = run(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(first, std::fs::read_to_string(&out).expect("output"));
    for want in [
        "pub struct CreatePlayerSession: GameLift(CreateInput) -> CreateOutput, CreatePlayerSessionError;",
        "    pub game_session_id: String,",
        "    #[aws(rename = \"MD5OfBody\", length(min = 1, max = 64))]\n    pub md5_of_body: Option<String>,",
        "    pub r#type: Option<Status>,",
        // A cycle needs a Box, and only there.
        "    pub next: Option<Box<Session>>,",
        "#[aws(rename_all = \"SCREAMING_SNAKE_CASE\")]",
        "    #[aws(rename = \"t2.micro\")]\n    T2Micro,",
        "    NotFoundException(NotFoundException),",
        "/// Reserves a `PlayerSession`.",
        // Sent unsigned.
        "pub struct Anonymous: GameLift(CreateInput) -> Empty, AnonymousError; auth(none);",
        // Required response members are filled with their zero value when a response
        // leaves them out (client error correction); required input members stay strict.
        "    #[aws(default)]\n    pub state: Status,",
        "    #[aws(default)]\n    pub count: i32,",
        "impl Default for Status {\n    fn default() -> Self {\n        Self::Unknown(String::new())\n    }\n}",
    ] {
        assert!(first.contains(want), "missing {want:?} in:\n{first}");
    }
    assert!(!first.contains("#[aws(default)]\n    pub game_session_id"));
    assert!(!first.contains("Unused"), "a shape no operation reaches");
    assert!(!first.contains("Subscribe"));
    // rustfmt-clean.
    let o = Command::new("rustfmt")
        .args(["--edition", "2021", "--check"])
        .arg(&out)
        .output()
        .expect("rustfmt");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
}

#[test]
fn bad_input_is_a_clear_error_and_leaves_the_output_alone() {
    let d = dir("bad");
    let model = d.join("service-2.json");
    std::fs::write(&model, MODEL).expect("write model");
    let not_model = d.join("Cargo.toml");
    std::fs::write(&not_model, "[package]\n").expect("write");
    let json_not_model = d.join("other.json");
    std::fs::write(&json_not_model, "{\"a\": 1}").expect("write");
    let out = d.join("out.rs");
    std::fs::write(&out, "// mine\n").expect("write");
    let m = model.to_str().expect("path");
    let o = out.to_str().expect("path");
    let cases: [(Vec<&str>, &str); 5] = [
        (
            vec!["--model", not_model.to_str().expect("path"), "--all", "--out", o],
            "is not an AWS service model (botocore service-2.json or Smithy JSON AST): not JSON",
        ),
        (
            vec!["--model", json_not_model.to_str().expect("path"), "--all", "--out", o],
            "is not an AWS service model",
        ),
        (
            vec!["--model", m, "--operations", "CreatePlayerSesion", "--out", o],
            "the model has no operation \"CreatePlayerSesion\"; did you mean \"CreatePlayerSession\"?",
        ),
        (
            vec!["--model", m, "--operations", "Subscribe", "--out", o],
            "operation Subscribe uses StreamOutput.Events (Events), which awso cannot express: an event stream",
        ),
        (
            vec!["--model", m, "--operatons", "Subscribe"],
            "unknown argument \"--operatons\" (did you mean --operations?)",
        ),
    ];
    for (args, want) in cases {
        let r = run(&args);
        assert!(!r.status.success(), "{args:?} succeeded");
        assert!(stderr(&r).contains(want), "{args:?}: {}", stderr(&r));
        assert!(!stderr(&r).contains("panicked"), "{}", stderr(&r));
        assert_eq!(std::fs::read_to_string(&out).expect("out"), "// mine\n");
    }
    // --skip-unsupported leaves the operation out instead.
    let r = run(&["--model", m, "--all", "--skip-unsupported", "--out", o]);
    assert!(r.status.success(), "{}", stderr(&r));
    assert!(stderr(&r).contains("skipped Subscribe"), "{}", stderr(&r));
    let leftovers: Vec<_> = std::fs::read_dir(&d)
        .expect("dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}
