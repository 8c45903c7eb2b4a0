//! `awso-codegen`: writes the Rust source of the AWS operations you name, from botocore's or
//! Smithy's model, as code you then own.

#![forbid(unsafe_code)]

use awso_codegen::{
    botocore_data, botocore_service, format, generate, write_atomically, Error, Model, Options,
};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
usage: awso-codegen (--model PATH | --service NAME) (--operations A,B,... | --all) [--out FILE]
                    [--protocol NAME] [--map BTreeMap|HashMap] [--skip-unsupported]
                    [--no-paginators] [--no-waiters] [--no-docs] [--no-format]

  --model PATH        botocore service-2.json, or the Smithy JSON AST of an official AWS model
                      (github.com/aws/api-models-aws), plain or .gz; the format is detected;
                      botocore's paginators-1.json and waiters-2.json beside it are read too
  --service NAME      the model of the installed botocore (python3 -c 'import botocore'), e.g.
                      gamelift, s3, sqs; AWSO_BOTOCORE_DATA=DIR points at a botocore data dir
  --operations A,B    the operations to generate, by model name; --all for every operation
  --out FILE          where to write (atomically); default standard output
  --protocol NAME     json, rest-json, rest-xml, query, ec2 or smithy-rpc-v2-cbor, when the
                      model offers several (default: its first)
  --map TYPE          the map type: BTreeMap (default) or HashMap
  --skip-unsupported  leave out operations that use shapes awso cannot express
  --no-paginators     no awso::paginator! declarations
  --no-waiters        no awso::waiter! declarations
  --no-docs           no doc comments from the model
  --no-format         do not run rustfmt on the output";

struct Args {
    model: Option<PathBuf>,
    service: Option<String>,
    operations: Option<Vec<String>>,
    out: Option<PathBuf>,
    options: Options,
    format: bool,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, Error> {
    let mut a = Args {
        model: None,
        service: None,
        operations: None,
        out: None,
        options: Options::default(),
        format: true,
    };
    while let Some(arg) = args.next() {
        let (key, inline) = match arg.split_once('=') {
            Some((k, v)) if k.starts_with("--") => (k.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = |what: &str| {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| Error::Other(format!("{key} needs {what}\n\n{USAGE}")))
        };
        match key.as_str() {
            "--model" => a.model = Some(PathBuf::from(value("a path")?)),
            "--service" => a.service = Some(value("a service name")?),
            "--operations" => {
                let ops: Vec<String> = value("operation names")?
                    .split(',')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect();
                if ops.is_empty() {
                    return Err(Error::Other("--operations names no operation".into()));
                }
                a.operations = Some(ops);
            }
            "--all" => a.operations = Some(Vec::new()),
            "--out" => a.out = Some(PathBuf::from(value("a file")?)),
            "--protocol" => a.options.protocol = Some(value("a protocol")?),
            "--map" => {
                let m = value("BTreeMap or HashMap")?;
                if m != "BTreeMap" && m != "HashMap" {
                    return Err(Error::Other(format!(
                        "--map is BTreeMap or HashMap, not {m:?}"
                    )));
                }
                a.options.map_type = m;
            }
            "--skip-unsupported" => a.options.skip_unsupported = true,
            "--no-paginators" => a.options.paginators = false,
            "--no-waiters" => a.options.waiters = false,
            "--no-docs" => a.options.docs = false,
            "--no-format" => a.format = false,
            "-h" | "--help" => return Err(Error::Other(USAGE.into())),
            other => {
                let known = [
                    "--model",
                    "--service",
                    "--operations",
                    "--all",
                    "--out",
                    "--protocol",
                    "--map",
                    "--skip-unsupported",
                    "--no-paginators",
                    "--no-waiters",
                    "--no-docs",
                    "--no-format",
                    "--help",
                ];
                let hint = awso_codegen::suggest(other, known)
                    .first()
                    .map(|s| format!(" (did you mean {s}?)"))
                    .unwrap_or_default();
                return Err(Error::Other(format!(
                    "unknown argument {other:?}{hint}\n\n{USAGE}"
                )));
            }
        }
    }
    Ok(a)
}

/// botocore's version, from the `__init__.py` beside its data directory.
fn botocore_version(data: &Path) -> Option<String> {
    let init = std::fs::read_to_string(data.parent()?.join("__init__.py")).ok()?;
    init.lines()
        .find_map(|l| l.strip_prefix("__version__ = "))
        .map(|v| v.trim_matches(['\'', '"', ' ']).to_string())
}

fn run() -> Result<(), Error> {
    let mut args = parse_args(std::env::args().skip(1))?;
    let (model, source) = match (&args.model, &args.service) {
        (Some(path), None) => (Model::load(path)?, path.display().to_string()),
        (None, Some(name)) => {
            let data = botocore_data()?;
            let path = botocore_service(&data, name)?;
            let rel = path
                .strip_prefix(&data)
                .unwrap_or(&path)
                .display()
                .to_string();
            let version = botocore_version(&data)
                .map(|v| format!("botocore {v} "))
                .unwrap_or_else(|| "botocore ".into());
            (Model::load(&path)?, format!("{version}data/{rel}"))
        }
        _ => {
            return Err(Error::Other(format!(
                "give exactly one of --model PATH and --service NAME\n\n{USAGE}"
            )))
        }
    };
    let Some(operations) = args.operations.take() else {
        return Err(Error::Other(format!(
            "which operations? --operations A,B,... or --all\n\n{USAGE}"
        )));
    };
    args.options.operations = operations;
    let full = model
        .metadata
        .str("serviceFullName")
        .or_else(|| model.metadata.str("serviceId"))
        .unwrap_or("the service")
        .to_string();
    let mut command = String::from("cargo run -p awso-codegen --");
    match (&args.model, &args.service) {
        (_, Some(s)) => command.push_str(&format!(" --service {s}")),
        (Some(p), _) => command.push_str(&format!(" --model {}", p.display())),
        _ => {}
    }
    if args.options.operations.is_empty() {
        command.push_str(" --all");
    } else {
        command.push_str(&format!(
            " --operations {}",
            args.options.operations.join(",")
        ));
    }
    if let Some(p) = &args.options.protocol {
        command.push_str(&format!(" --protocol {p}"));
    }
    args.options.header = vec![
        format!(
            "{full} (API version {}), generated by awso-codegen from {source}:",
            model.api_version()
        ),
        format!("`{command}`."),
        String::new(),
        "This is ordinary source to keep and edit (rename, trim members, add derives);".into(),
        "regenerating overwrites it.".into(),
    ];
    let generated = generate(&model, &args.options)?;
    for w in &generated.warnings {
        eprintln!("warning: {w}");
    }
    for (op, why) in &generated.skipped {
        eprintln!("skipped {op}: {why}");
    }
    let source = if args.format {
        format(&generated.source)?
    } else {
        generated.source + "\n"
    };
    match &args.out {
        Some(out) => {
            write_atomically(out, &source)?;
            eprintln!(
                "wrote {} ({} operations, {} types, {} paginators, {} waiters)",
                out.display(),
                generated.names.operations.len(),
                generated.names.types.len(),
                generated.names.paginators.len(),
                generated.names.waiters.len()
            );
        }
        None => print!("{source}"),
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("awso-codegen: {e}");
            ExitCode::FAILURE
        }
    }
}
