//! Bad models never panic the generator: thousands of small mutations of a botocore model
//! (with its paginators and waiters) and of a Smithy model (with paginated, waitable and
//! default traits): a value replaced by one of another type, a member removed, an array
//! emptied. Each is read and generated for every operation; the result must be code or an
//! error, and an error must say where or what.

use awso_codegen::{generate, Model, Options};
use serde_json::Value;
use std::panic::{catch_unwind, AssertUnwindSafe};

const BOTOCORE: &str = r#"{
  "metadata": {"apiVersion": "2015-10-01", "protocol": "json", "jsonVersion": "1.1",
               "serviceId": "GameLift", "targetPrefix": "GameLift", "signingName": "gamelift"},
  "operations": {
    "ListSessions": {"name": "ListSessions", "input": {"shape": "ListInput"},
      "output": {"shape": "ListOutput"}, "errors": [{"shape": "NotFoundException"}],
      "httpChecksum": {"requestAlgorithmMember": "Algorithm", "requestChecksumRequired": true}},
    "GetSession": {"name": "GetSession", "http": {"method": "GET", "requestUri": "/s/{Id}"},
      "input": {"shape": "GetInput"}, "output": {"shape": "GetOutput"}}
  },
  "shapes": {
    "ListInput": {"type": "structure", "required": ["Limit"], "members": {
      "NextToken": {"shape": "Token"}, "Limit": {"shape": "Count"},
      "Algorithm": {"shape": "Status", "location": "header", "locationName": "x-algo"}}},
    "ListOutput": {"type": "structure", "members": {
      "NextToken": {"shape": "Token"}, "Sessions": {"shape": "Sessions"},
      "Tags": {"shape": "Tags", "flattened": true, "locationName": "Tag"}}},
    "GetInput": {"type": "structure", "required": ["Id"], "members": {
      "Id": {"shape": "Token", "location": "uri", "locationName": "Id"}}},
    "GetOutput": {"type": "structure", "members": {"Session": {"shape": "Session"}}},
    "Sessions": {"type": "list", "member": {"shape": "Session"}, "min": 1},
    "Tags": {"type": "map", "key": {"shape": "Token"}, "value": {"shape": "Count"}},
    "Session": {"type": "structure", "members": {"Next": {"shape": "Session"},
      "Status": {"shape": "Status"}, "Created": {"shape": "Time", "timestampFormat": "iso8601"},
      "Choice": {"shape": "Choice"}}},
    "Choice": {"type": "structure", "union": true, "members": {"A": {"shape": "Token"},
      "B": {"shape": "Count"}}},
    "Token": {"type": "string", "min": 1, "max": 64, "pattern": "^[a-z]+$"},
    "Count": {"type": "integer", "min": 1, "max": 100},
    "Status": {"type": "string", "enum": ["ACTIVE", "TIMED_OUT"]},
    "Time": {"type": "timestamp"},
    "NotFoundException": {"type": "structure", "members": {"Message": {"shape": "Token"}},
      "exception": true, "error": {"code": "NotFound", "httpStatusCode": 404}}
  }
}"#;

const PAGINATORS: &str = r#"{"pagination": {"ListSessions": {"input_token": "NextToken",
  "output_token": "NextToken", "limit_key": "Limit", "result_key": ["Sessions", "Tags"]}}}"#;

const WAITERS: &str = r#"{"version": 2, "waiters": {"SessionActive": {"operation": "GetSession",
  "delay": 2, "maxAttempts": 5, "acceptors": [
    {"state": "success", "matcher": "path", "argument": "Session.Status", "expected": "ACTIVE"},
    {"state": "failure", "matcher": "pathAny", "argument": "Session.Next.Status", "expected": "TIMED_OUT"},
    {"state": "retry", "matcher": "status", "expected": 404},
    {"state": "retry", "matcher": "error", "expected": "NotFound"}]}}}"#;

const SMITHY: &str = include_str!("data/store.json");

/// A small deterministic generator (xorshift), so that every run tries the same mutations.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

/// Every node of `v`, as paths of object keys and array indexes.
fn paths(v: &Value, here: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
    out.push(here.clone());
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                here.push(Value::String(k.clone()));
                paths(x, here, out);
                here.pop();
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                here.push(Value::from(i));
                paths(x, here, out);
                here.pop();
            }
        }
        _ => {}
    }
}

fn at<'a>(v: &'a mut Value, path: &[Value]) -> &'a mut Value {
    path.iter().fold(v, |v, k| match k {
        Value::String(k) => &mut v[k.as_str()],
        _ => &mut v[k.as_u64().unwrap_or(0) as usize],
    })
}

/// `v` with one node changed: replaced by a value of another kind, removed from its object,
/// or emptied.
fn mutate(v: &Value, rng: &mut Rng) -> Value {
    let mut all = Vec::new();
    paths(v, &mut Vec::new(), &mut all);
    let path = &all[rng.below(all.len())];
    let mut out = v.clone();
    let replacements = [
        Value::Null,
        Value::from(-1),
        Value::from(1.5),
        Value::from(true),
        Value::from(""),
        Value::from("Nope"),
        Value::Array(Vec::new()),
        Value::Object(Default::default()),
    ];
    match (rng.below(3), path.split_last()) {
        (0, Some((Value::String(key), parent))) => {
            if let Value::Object(m) = at(&mut out, parent) {
                m.remove(key);
            }
        }
        (1, _) => match at(&mut out, path) {
            Value::Array(a) => a.clear(),
            Value::Object(m) => m.clear(),
            other => *other = replacements[rng.below(replacements.len())].clone(),
        },
        _ => *at(&mut out, path) = replacements[rng.below(replacements.len())].clone(),
    }
    out
}

/// What became of a model.
enum Outcome {
    Generated,
    Refused(String),
    Panicked,
}

/// Reads the model (the first file) with its paginators and waiters, and generates every
/// operation.
fn outcome(files: &[(String, &str)]) -> Outcome {
    let run = || -> Result<(), awso_codegen::Error> {
        let Some(((model, name), rest)) = files.split_first() else {
            return Ok(());
        };
        let mut model = Model::from_bytes(model.as_bytes(), name)?;
        for (text, name) in rest {
            if name.starts_with("paginators") {
                model.add_paginators(text.as_bytes(), name)?;
            } else {
                model.add_waiters(text.as_bytes(), name)?;
            }
        }
        generate(&model, &Options::default())?;
        Ok(())
    };
    match catch_unwind(AssertUnwindSafe(run)) {
        Ok(Ok(())) => Outcome::Generated,
        Ok(Err(e)) => Outcome::Refused(e.to_string()),
        Err(_) => Outcome::Panicked,
    }
}

#[test]
fn mutated_models_are_code_or_errors_never_panics() {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let parse = |s: &str| serde_json::from_str::<Value>(s).expect("JSON");
    let botocore = [
        (parse(BOTOCORE), "service-2.json"),
        (parse(PAGINATORS), "paginators-1.json"),
        (parse(WAITERS), "waiters-2.json"),
    ];
    let smithy = parse(SMITHY);
    let mut cases: Vec<Vec<(String, &str)>> = Vec::new();
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    for i in 0..1500 {
        cases.push(
            botocore
                .iter()
                .enumerate()
                .map(|(j, (v, name))| {
                    let v = if j == i % 3 {
                        mutate(v, &mut rng)
                    } else {
                        v.clone()
                    };
                    (v.to_string(), *name)
                })
                .collect(),
        );
        cases.push(vec![(mutate(&smithy, &mut rng).to_string(), "store.json")]);
    }
    let unmutated = [
        botocore
            .iter()
            .map(|(v, n)| (v.to_string(), *n))
            .collect::<Vec<_>>(),
        vec![(smithy.to_string(), "store.json")],
    ];
    let (mut generated, mut refused, mut failures) = (0, 0, Vec::new());
    for files in unmutated.iter().chain(&cases) {
        match outcome(files) {
            Outcome::Generated => generated += 1,
            // An error says where or what: more than a word or two.
            Outcome::Refused(e) if e.len() > 30 => refused += 1,
            Outcome::Refused(e) => failures.push(format!("an error that says too little: {e}")),
            Outcome::Panicked => failures.push(format!("panicked on {}", files[0].0)),
        }
    }
    std::panic::set_hook(hook);
    for files in &unmutated {
        assert!(
            matches!(outcome(files), Outcome::Generated),
            "{}",
            files[0].1
        );
    }
    eprintln!(
        "{} mutated models: {generated} generated, {refused} refused with an error",
        cases.len()
    );
    assert!(
        failures.is_empty(),
        "{} failures, first: {}",
        failures.len(),
        failures[0]
    );
    // The mutations reach both outcomes.
    assert!(
        generated > 300 && refused > 300,
        "{generated} generated, {refused} refused"
    );
}
