//! Runs every generated protocol case, applies `skip.toml`, prints a table per protocol and
//! direction, writes it to `target/conformance.json`, and fails on any unexpected result.

use awso_conformance::{skip, Case, Direction, Table, Tally, CASES};
use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::io::Write as _;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

const SKIP_TOML: &str = include_str!("../skip.toml");

/// Runs one case; a panic is a failure with its message.
fn run(case: &Case) -> Result<(), String> {
    match catch_unwind(AssertUnwindSafe(case.run)) {
        Ok(r) => r,
        Err(p) => Err(format!(
            "panicked: {}",
            p.downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| p.downcast_ref::<&str>().copied())
                .unwrap_or("(no message)")
        )),
    }
}

/// The target directory of this build: `CARGO_TARGET_DIR` when set, else the directory the
/// test binary was built into (`<target>/<profile>/deps/conformance-*`), which is the
/// workspace root's `target/` wherever this crate is built from.
fn target_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(dir);
    }
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.ancestors().nth(3).map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"))
}

fn json_escape(s: &str) -> String {
    awso::serde_json::Value::String(s.to_string()).to_string()
}

#[test]
fn protocol_conformance() {
    let skips = skip::parse(SKIP_TOML).unwrap_or_else(|e| panic!("{e}"));
    let mut table = Table::new();
    let mut failures: Vec<String> = Vec::new();
    let mut now_pass: Vec<String> = Vec::new();
    let mut known: Vec<String> = Vec::new();
    let mut results: Vec<(&Case, Result<(), String>, Option<&skip::Entry>)> = Vec::new();
    let mut used_exact: HashSet<String> = HashSet::new();

    // Quiet the default hook while cases run: panics are reported as failures below.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    for case in CASES {
        let result = run(case);
        let entry = skips.find(case.protocol, case.direction.as_str(), case.id);
        if let Some(e) = entry {
            if e.is_exact() {
                used_exact.insert(e.key_string());
            }
        }
        let tally = table.entry((case.protocol, case.direction)).or_default();
        let key = format!("{}/{}/{}", case.protocol, case.direction.as_str(), case.id);
        match (&result, entry) {
            (Ok(()), None) => tally.passed += 1,
            (Ok(()), Some(e)) => {
                tally.passed += 1;
                now_pass.push(format!(
                    "{key}: now passes; remove it from skip.toml (line {}: {})",
                    e.line, e.reason
                ));
            }
            (Err(msg), Some(e)) if e.known_failure => {
                tally.failed += 1;
                tally.known += 1;
                known.push(format!(
                    "{key}: {msg} (skip.toml line {}: {})",
                    e.line, e.reason
                ));
            }
            (Err(_), Some(_)) => tally.skipped += 1,
            (Err(msg), None) => {
                tally.failed += 1;
                failures.push(format!("{key}: {msg}"));
            }
        }
        results.push((case, result, entry));
    }
    std::panic::set_hook(hook);

    // Exact entries that name no case are stale.
    let stale: Vec<String> = skips
        .entries
        .iter()
        .filter(|e| e.is_exact() && !used_exact.contains(&e.key_string()))
        .map(|e| {
            format!(
                "skip.toml line {}: {} names no case",
                e.line,
                e.key_string()
            )
        })
        .collect();

    // The table.
    let mut text = String::new();
    writeln!(
        text,
        "`failed` counts every failing case, the known failures too: `known` of them are listed\n\
         under [known-failures] in skip.toml (awso is wrong there; they do not fail the run).\n\
         `skipped` cases need a feature awso does not have yet (reason in skip.toml).\n"
    )
    .ok();
    let row = |text: &mut String, p: &str, d: &str, t: &Tally| {
        writeln!(
            text,
            "{:<40} {:<7} {:>7} {:>7} {:>6} {:>8} {:>6}",
            p,
            d,
            t.passed,
            t.failed,
            t.known,
            t.skipped,
            t.passed + t.failed + t.skipped
        )
        .ok();
    };
    writeln!(
        text,
        "{:<40} {:<7} {:>7} {:>7} {:>6} {:>8} {:>6}",
        "protocol", "dir", "passed", "failed", "known", "skipped", "total"
    )
    .ok();
    let mut totals = Tally::default();
    for ((protocol, direction), t) in &table {
        row(&mut text, protocol, direction.as_str(), t);
        totals.passed += t.passed;
        totals.failed += t.failed;
        totals.known += t.known;
        totals.skipped += t.skipped;
    }
    row(&mut text, "total", "", &totals);
    // Straight to stderr, not through `eprintln!`, so the table shows even when the test
    // passes and its output is captured.
    let _ = writeln!(std::io::stderr(), "\n{text}");

    // The JSON report: the table, and every case with its outcome.
    let mut report = String::from(
        "{\n  \"note\": \"failed counts known failures too ([known-failures] in skip.toml: awso is wrong there; they do not fail the run)\",\n  \"table\": [\n",
    );
    let rows: Vec<String> = table
        .iter()
        .map(|((p, d), t)| {
            format!(
                "    {{\"protocol\": {}, \"direction\": \"{}\", \"passed\": {}, \"failed\": {}, \"known_failures\": {}, \"skipped\": {}, \"total\": {}}}",
                json_escape(p),
                d.as_str(),
                t.passed,
                t.failed,
                t.known,
                t.skipped,
                t.passed + t.failed + t.skipped
            )
        })
        .collect();
    report.push_str(&rows.join(",\n"));
    report.push_str("\n  ],\n  \"cases\": [\n");
    let mut by_outcome: BTreeMap<&str, usize> = BTreeMap::new();
    let cases: Vec<String> = results
        .iter()
        .map(|(case, result, entry)| {
            let (outcome, detail) = match (result, entry) {
                (Ok(()), None) => ("passed", String::new()),
                (Ok(()), Some(_)) => ("now-passes", String::new()),
                (Err(m), Some(e)) if e.known_failure => ("failed", format!(", \"known_failure\": true, \"reason\": {}, \"message\": {}", json_escape(&e.reason), json_escape(m))),
                (Err(m), Some(e)) => ("skipped", format!(", \"reason\": {}, \"message\": {}", json_escape(&e.reason), json_escape(m))),
                (Err(m), None) => ("failed", format!(", \"message\": {}", json_escape(m))),
            };
            *by_outcome.entry(outcome).or_default() += 1;
            format!(
                "    {{\"protocol\": {}, \"direction\": \"{}\", \"id\": {}, \"module\": {}, \"outcome\": \"{outcome}\"{detail}}}",
                json_escape(case.protocol),
                case.direction.as_str(),
                json_escape(case.id),
                json_escape(case.module),
            )
        })
        .collect();
    report.push_str(&cases.join(",\n"));
    report.push_str("\n  ]\n}\n");
    let dir = target_dir();
    let path = dir.join("conformance.json");
    match std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&path, report)) {
        Ok(()) => {
            let _ = writeln!(std::io::stderr(), "wrote {}", path.display());
        }
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "could not write {}: {e}", path.display());
        }
    }

    if !known.is_empty() {
        let _ = writeln!(
            std::io::stderr(),
            "{} known failure(s) (awso is wrong; listed under [known-failures] in skip.toml):\n  {}\n",
            known.len(),
            known.join("\n  ")
        );
    }
    let mut problems = Vec::new();
    if !failures.is_empty() {
        problems.push(format!(
            "{} case(s) failed:\n  {}",
            failures.len(),
            failures.join("\n  ")
        ));
    }
    if !now_pass.is_empty() {
        problems.push(format!(
            "{} skipped case(s) pass:\n  {}",
            now_pass.len(),
            now_pass.join("\n  ")
        ));
    }
    if !stale.is_empty() {
        problems.push(format!("stale skip entries:\n  {}", stale.join("\n  ")));
    }
    assert!(
        CASES.iter().any(|c| c.direction == Direction::Input),
        "no cases generated"
    );
    assert!(problems.is_empty(), "\n{}", problems.join("\n\n"));
}
