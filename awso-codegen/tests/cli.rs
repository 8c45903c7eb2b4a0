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

#[test]
fn paginators_and_waiters_beside_the_model_are_read() {
    use std::io::Write as _;
    let d = dir("beside");
    let model = d.join("service-2.json");
    std::fs::write(&model, MODEL).expect("write model");
    std::fs::write(
        d.join("paginators-1.json"),
        r#"{"pagination": {
          "CreatePlayerSession": {"input_token": "GameSessionId", "output_token": "Session.Next",
                                  "more_results": "State", "result_key": ["Count"]},
          "Anonymous": {"input_token": "GameSessionId", "output_token": "Next"}}}"#,
    )
    .expect("write paginators");
    // Compressed, as botocore ships some of them.
    let waiters = r#"{"version": 2, "waiters": {
      "SessionActive": {"operation": "CreatePlayerSession", "delay": 5, "maxAttempts": 3,
        "description": "Waits for an active session.",
        "acceptors": [{"state": "success", "matcher": "path", "argument": "State", "expected": "ACTIVE"},
                      {"state": "retry", "matcher": "error", "expected": "NotFoundException"}]},
      "Misspelt": {"operation": "CreatePlayerSession", "delay": 1, "maxAttempts": 1,
        "acceptors": [{"state": "success", "matcher": "path", "argument": "Sesion.Next", "expected": "A"}]},
      "Elsewhere": {"operation": "Subscribe", "delay": 1, "maxAttempts": 1,
        "acceptors": [{"state": "success", "matcher": "status", "expected": 200}]}}}"#;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(waiters.as_bytes()).expect("gzip");
    std::fs::write(d.join("waiters-2.json.gz"), gz.finish().expect("gzip")).expect("write");
    let out = d.join("gamelift.rs");
    let o = run(&[
        "--model",
        model.to_str().expect("path"),
        "--operations",
        "CreatePlayerSession,Anonymous",
        "--out",
        out.to_str().expect("path"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let source = std::fs::read_to_string(&out).expect("output");
    for want in [
        "// The model's result_key also has `Count`, which is not a list: botocore totals it across pages;\n// read it from each page.\nawso::paginator! {\n    CreatePlayerSession {\n        input_token: \"GameSessionId\",\n        output_token: \"Session.Next\",\n        more_results: \"State\",\n    }\n}",
        "awso::waiter! {\n    /// Waits for an active session.\n    pub struct SessionActive: CreatePlayerSession {\n        delay: 5,\n        max_attempts: 3,\n        acceptors: [\n            success: path(\"State\") == \"ACTIVE\",\n            retry: error(\"NotFoundException\"),\n        ],\n    }\n}",
    ] {
        assert!(source.contains(want), "missing {want:?} in:\n{source}");
    }
    assert!(!source.contains("Misspelt") && !source.contains("Elsewhere"));
    let err = stderr(&o);
    for want in [
        "warning: Anonymous: paginator left out: the operation has no input or no output",
        "warning: CreatePlayerSession: paginator result_key `Count` left out (not a list)",
        "warning: waiter Misspelt (on CreatePlayerSession) left out: acceptor 0: the output has no member Sesion (in `Sesion.Next`)",
        "wrote ",
        "(2 operations, 5 types, 1 paginators, 1 waiters)",
    ] {
        assert!(err.contains(want), "missing {want:?} in:\n{err}");
    }
    // --no-paginators, --no-waiters.
    let o = run(&[
        "--model",
        model.to_str().expect("path"),
        "--operations",
        "CreatePlayerSession",
        "--no-paginators",
        "--no-waiters",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let source = String::from_utf8_lossy(&o.stdout);
    assert!(!source.contains("awso::paginator!") && !source.contains("awso::waiter!"));
}

#[test]
fn more_bad_input_is_a_clear_error_and_leaves_the_output_alone() {
    let d = dir("bad2");
    let out = d.join("out.rs");
    std::fs::write(&out, "// mine\n").expect("write");
    let o = out.to_str().expect("path");
    let write = |name: &str, bytes: &[u8]| {
        let p = d.join(name);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("dir");
        std::fs::write(&p, bytes).expect("write");
        p.to_str().expect("path").to_string()
    };
    let empty = write("empty.json", b"");
    let gz = write("bad.json.gz", &[0x1f, 0x8b, 8, 0, 1, 2, 3]);
    let big = write(
        "big/service-2.json",
        MODEL
            .replace(
                "\"Count\": {\"type\": \"integer\"}",
                "\"Count\": {\"type\": \"bigDecimal\"}",
            )
            .as_bytes(),
    );
    let bad_pages = write("pages/service-2.json", MODEL.as_bytes());
    write("pages/paginators-1.json", br#"{"paginators": {}}"#);
    let bad_waiters = write("waits/service-2.json", MODEL.as_bytes());
    write(
        "waits/waiters-2.json",
        br#"{"version": 2, "waiters": {"W": {"operation": "Anonymous", "delay": 1}}}"#,
    );
    write("data/gamelift/2015-10-01/service-2.json", MODEL.as_bytes());
    let missing_dir = d.join("no/such/dir/out.rs");
    let cases: [(Vec<&str>, &str); 7] = [
        (
            vec!["--model", &empty, "--all", "--out", o],
            "empty.json is not an AWS service model (botocore service-2.json or Smithy JSON AST): not JSON: EOF",
        ),
        (vec!["--model", &gz, "--all", "--out", o], "bad gzip data"),
        (
            vec!["--model", &big, "--operations", "CreatePlayerSession", "--out", o],
            "operation CreatePlayerSession uses CreateOutput.Count (Count), which awso cannot express: a bigDecimal (awso has no arbitrary-precision numbers)",
        ),
        (
            vec!["--model", &bad_pages, "--all", "--out", o],
            "pages/paginators-1.json: not a botocore paginators-1.json: no \"pagination\" object",
        ),
        (
            vec!["--model", &bad_waiters, "--all", "--out", o],
            "not a botocore waiters-2.json: waiter W: no \"acceptors\" list",
        ),
        (
            vec!["--service", "gamelfit", "--all", "--out", o],
            "botocore has no service \"gamelfit\"",
        ),
        (
            vec![
                "--model",
                &big,
                "--operations",
                "Anonymous",
                "--out",
                missing_dir.to_str().expect("path"),
            ],
            "no/such/dir/out.rs",
        ),
    ];
    for (args, want) in cases {
        let r = Command::new(env!("CARGO_BIN_EXE_awso-codegen"))
            .args(&args)
            .env("AWSO_BOTOCORE_DATA", d.join("data"))
            .output()
            .expect("run awso-codegen");
        assert!(!r.status.success(), "{args:?} succeeded");
        assert!(stderr(&r).contains(want), "{args:?}: {}", stderr(&r));
        assert!(!stderr(&r).contains("panicked"), "{}", stderr(&r));
        assert_eq!(std::fs::read_to_string(&out).expect("out"), "// mine\n");
    }
    let r = Command::new(env!("CARGO_BIN_EXE_awso-codegen"))
        .args(["--service", "gamelfit", "--all"])
        .env("AWSO_BOTOCORE_DATA", d.join("data"))
        .output()
        .expect("run awso-codegen");
    assert!(
        stderr(&r).contains("did you mean \"gamelift\"?"),
        "{}",
        stderr(&r)
    );
}
