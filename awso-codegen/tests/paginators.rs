//! The `awso::paginator!` and `awso::waiter!` declarations the generator writes from botocore's
//! `paginators-1.json` and `waiters-2.json` (S3, DynamoDB, IAM, EC2) and from the Smithy
//! `paginated` and `smithy.waiters#waitable` traits (`tests/data/store.json`): they compile
//! (the macros check every token and the leading member of every expression against the
//! shapes), every expression parses in awso's JMESPath and reads only members the shapes have
//! (`paginate::check_expression`, `waiter::check_declaration`), every expected value is JSON,
//! and a scratch binary drives them through awso's sans-IO pagination and acceptor matching:
//! several tokens at once (S3 `ListObjectVersions`), a map as the token (DynamoDB `Query`),
//! `more_results` (IAM `ListUsers`, S3), `limit_key`, several `result_key`s, and the acceptor
//! matchers `path`, `pathAll`, `pathAny`, `status` and `error` (a code, `true`, `false`), on
//! outputs and on error responses read by `Operation::response`.
//!
//! ```sh
//! cargo test -p awso-codegen --test paginators -- --nocapture
//! ```

mod shared;

use awso_codegen::{generate, Generated, Model, Options};
use shared::{botocore_data, load, scratch, SERVICES};
use std::fmt::Write as _;

/// (botocore service, operations).
const BOTOCORE: &[(&str, &[&str])] = &[
    (
        "s3",
        &[
            "ListObjectVersions",
            "ListObjects",
            "HeadBucket",
            "HeadObject",
        ],
    ),
    ("dynamodb", &["Query", "Scan", "DescribeTable"]),
    ("iam", &["ListUsers", "GetUser"]),
    ("ec2", &["DescribeInstances"]),
];

const STORE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/store.json");

/// Checks of any paginator and waiter declaration; `declarations()` (written by the tests)
/// calls them on every one generated.
const DECLARATIONS: &str = r###"//! Checks the generated paginators and waiters without I/O.
use awso::paginate::Paginated;
use awso::waiter::{Matcher, Waiter};
use std::error::Error;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

fn check(ok: bool, what: &str) -> Result<()> {
    if ok { Ok(()) } else { Err(format!("check failed: {what}").into()) }
}

/// Every output expression parses, and every member it reads is in the output's shapes all
/// the way down.
fn paginator<O: Paginated>() -> Result<()> {
    let p = O::PAGINATION;
    let context = format!("paginator of {}", O::NAME);
    for (field, paths) in [
        ("output_token", p.output_token),
        ("more_results", p.more_results),
        ("result_key", p.result_key),
    ] {
        for e in paths {
            let e = awso::jmespath::Expression::parse(e).map_err(|e| format!("{context}: {e}"))?;
            awso::paginate::check_expression::<O::Output>(&context, field, &e)?;
        }
    }
    Ok(())
}

/// Every path parses and reads members the output has, every expected value is JSON.
fn waiter<W: Waiter>() -> Result<()> {
    awso::waiter::check_declaration::<W>()?;
    check(W::CONFIG.acceptors.iter().all(|a| {
        !matches!(a.matcher, Matcher::Path | Matcher::PathAll | Matcher::PathAny) || !a.argument.is_empty()
    }), "path acceptors have a path")
}

"###;

/// Drives the declarations of the operations of `BOTOCORE` and of the Smithy model, written
/// against the generated types as a user would.
const WORKFLOWS: &str = r###"
use awso::operation::Operation;
use awso::paginate::PageState;
use awso::waiter::{first_match, State};
use codegen_check_paginators::{dynamodb, ec2, iam, s3, store};
use std::collections::BTreeMap;

/// The acceptor of `W` that matches an output (with its HTTP status), as (index, state).
fn on_output<W: Waiter>(
    output: &<W::Operation as Operation>::Output,
    status: u16,
) -> Result<Option<(usize, State)>> {
    Ok(first_match::<W>(Ok((output, status)))?.map(|(i, a)| (i, a.state)))
}

/// The acceptor of `W` that matches the response `status` with `body`, read by the
/// operation as a client would.
fn on_response<W: Waiter>(status: u16, body: &str) -> Result<Option<(usize, State)>> {
    let response = awso::http::Response::builder().status(status).body(body.as_bytes())?;
    match <W::Operation as Operation>::response(response) {
        Ok(output) => on_output::<W>(&output, status),
        Err(e) => Ok(first_match::<W>(Err(&e))?.map(|(i, a)| (i, a.state))),
    }
}

fn main() -> Result<()> {
    declarations()?;
    s3_versions()?;
    dynamodb_query()?;
    iam_users()?;
    ec2_instances()?;
    waiters()?;
    smithy()?;
    println!("paginators and waiters: ok");
    Ok(())
}

/// S3 ListObjectVersions: two tokens, `more_results`, three result keys.
fn s3_versions() -> Result<()> {
    let p = <s3::ListObjectVersions as Paginated>::PAGINATION;
    check(p.input_token == ["KeyMarker", "VersionIdMarker"], "the input tokens")?;
    check(p.result_key == ["Versions", "DeleteMarkers", "CommonPrefixes"], "the result keys")?;
    let mut state = PageState::<s3::ListObjectVersions>::new(&s3::ListObjectVersionsRequest {
        bucket: "b".into(),
        ..Default::default()
    })?;
    state.set_page_size(2)?;
    let first = state.next_input().ok_or("no first input")??;
    check(first.max_keys == Some(2) && first.key_marker.is_none(), "the first input")?;
    let page = s3::ListObjectVersionsOutput {
        is_truncated: Some(true),
        next_key_marker: Some("k2".into()),
        next_version_id_marker: Some("v2".into()),
        versions: Some(vec![s3::ObjectVersion { key: Some("k1".into()), ..Default::default() }]),
        delete_markers: Some(vec![s3::DeleteMarkerEntry { key: Some("k2".into()), ..Default::default() }]),
        ..Default::default()
    };
    state.page(&page)?;
    // Items are the first result key's (botocore's primary result key); the delete markers
    // are read from the page.
    let items = state.items::<s3::ObjectVersion>(&page)?;
    check(
        items.len() == 1 && items[0].key.as_deref() == Some("k1"),
        "the versions, the first result key",
    )?;
    let next = state.next_input().ok_or("no second input")??;
    check(
        next.key_marker.as_deref() == Some("k2") && next.version_id_marker.as_deref() == Some("v2"),
        &format!("both tokens carried over: {next:?}"),
    )?;
    // Tokens present, but IsTruncated false: the last page.
    state.page(&s3::ListObjectVersionsOutput {
        is_truncated: Some(false),
        next_key_marker: Some("k3".into()),
        ..Default::default()
    })?;
    check(state.is_done(), "IsTruncated=false ends the pagination")?;
    Ok(())
}

fn s(v: &str) -> dynamodb::AttributeValue {
    dynamodb::AttributeValue { s: Some(v.into()), ..Default::default() }
}

/// DynamoDB Query: the LastEvaluatedKey map goes back as ExclusiveStartKey.
fn dynamodb_query() -> Result<()> {
    let p = <dynamodb::Query as Paginated>::PAGINATION;
    check(p.result_key == ["Items"], "Count and ScannedCount are not items")?;
    let mut state = PageState::<dynamodb::Query>::new(&dynamodb::QueryInput {
        table_name: "scores".into(),
        ..Default::default()
    })?;
    state.set_page_size(1)?;
    let key = BTreeMap::from([("player".to_string(), s("p-1"))]);
    let page = dynamodb::QueryOutput {
        items: Some(vec![key.clone()]),
        count: Some(1),
        last_evaluated_key: Some(key.clone()),
        ..Default::default()
    };
    state.page(&page)?;
    check(state.items::<BTreeMap<String, dynamodb::AttributeValue>>(&page)? == vec![key.clone()], "the items")?;
    let next = state.next_input().ok_or("no second input")??;
    check(next.exclusive_start_key.as_ref() == Some(&key) && next.limit == Some(1), "the key as the next start")?;
    // The same key again would page forever.
    check(state.page(&page).is_err(), "a repeated token is an error")?;
    Ok(())
}

/// IAM ListUsers: Marker in and out, IsTruncated.
fn iam_users() -> Result<()> {
    let mut state = PageState::<iam::ListUsers>::new(&iam::ListUsersRequest::default())?;
    let user = |name: &str| iam::User { user_name: name.into(), ..Default::default() };
    state.page(&iam::ListUsersResponse {
        users: vec![user("a"), user("b")],
        is_truncated: Some(true),
        marker: Some("m1".into()),
    })?;
    check(state.next_input().ok_or("no second input")??.marker.as_deref() == Some("m1"), "the marker")?;
    state.page(&iam::ListUsersResponse { users: vec![user("c")], is_truncated: Some(false), marker: None })?;
    check(state.is_done(), "the last page")?;
    Ok(())
}

/// EC2 DescribeInstances: NextToken, MaxResults.
fn ec2_instances() -> Result<()> {
    let mut state = PageState::<ec2::DescribeInstances>::new(&ec2::DescribeInstancesRequest::default())?;
    state.set_page_size(5)?;
    state.page(&ec2::DescribeInstancesResult { next_token: Some("t1".into()), ..Default::default() })?;
    let next = state.next_input().ok_or("no second input")??;
    check(next.next_token.as_deref() == Some("t1") && next.max_results == Some(5), "the token")?;
    state.page(&ec2::DescribeInstancesResult::default())?;
    check(state.is_done(), "no token: the last page")?;
    Ok(())
}

fn instances(states: &[ec2::InstanceStateName]) -> ec2::DescribeInstancesResult {
    let instances = states
        .iter()
        .map(|s| ec2::Instance {
            state: Some(ec2::InstanceState { name: Some(s.clone()), ..Default::default() }),
            ..Default::default()
        })
        .collect();
    ec2::DescribeInstancesResult {
        reservations: Some(vec![ec2::Reservation { instances: Some(instances), ..Default::default() }]),
        ..Default::default()
    }
}

fn waiters() -> Result<()> {
    use ec2::InstanceStateName::{Running, ShuttingDown};
    // DynamoDB TableExists: path, and an error code.
    let table = |status| dynamodb::DescribeTableOutput {
        table: Some(dynamodb::TableDescription { table_status: Some(status), ..Default::default() }),
    };
    check(
        on_output::<dynamodb::TableExists>(&table(dynamodb::TableStatus::Active), 200)? == Some((0, State::Success)),
        "an active table",
    )?;
    check(on_output::<dynamodb::TableExists>(&table(dynamodb::TableStatus::Creating), 200)?.is_none(), "creating")?;
    let missing = r#"{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"no"}"#;
    check(on_response::<dynamodb::TableExists>(400, missing)? == Some((1, State::Retry)), "no table yet")?;
    check(on_response::<dynamodb::TableNotExists>(400, missing)? == Some((0, State::Success)), "gone")?;
    // EC2 InstanceRunning: pathAll, pathAny, an error code; InstanceExists: a path with a
    // function and a boolean.
    check(
        on_output::<ec2::InstanceRunning>(&instances(&[Running, Running]), 200)? == Some((0, State::Success)),
        "all running",
    )?;
    check(
        on_output::<ec2::InstanceRunning>(&instances(&[Running, ShuttingDown]), 200)? == Some((1, State::Failure)),
        "one shutting down",
    )?;
    check(on_output::<ec2::InstanceRunning>(&instances(&[]), 200)?.is_none(), "no instances: pathAll is false")?;
    let not_found = "<Response><Errors><Error><Code>InvalidInstanceID.NotFound</Code><Message>no</Message></Error></Errors><RequestID>r</RequestID></Response>";
    check(on_response::<ec2::InstanceRunning>(400, not_found)? == Some((4, State::Retry)), "not found yet")?;
    check(
        on_output::<ec2::InstanceExists>(&instances(&[Running]), 200)? == Some((0, State::Success)),
        "length(Reservations[]) > `0`",
    )?;
    // (An empty `<reservationSet/>` reads as an empty list; without one, `length` has no
    // list to measure, an error here as in botocore.)
    let none = ec2::DescribeInstancesResult { reservations: Some(vec![]), ..Default::default() };
    check(on_output::<ec2::InstanceExists>(&none, 200)?.is_none(), "none yet")?;
    // S3 BucketExists: statuses, on outputs and on error responses.
    check(on_response::<s3::BucketExists>(200, "")? == Some((0, State::Success)), "200")?;
    check(on_response::<s3::BucketExists>(301, "")? == Some((1, State::Success)), "301")?;
    check(on_response::<s3::BucketExists>(404, "")? == Some((3, State::Retry)), "404")?;
    check(on_response::<s3::ObjectNotExists>(404, "")? == Some((0, State::Success)), "no object")?;
    // IAM UserExists: a status, and an error code in an awsQuery error.
    let no_user = "<ErrorResponse><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>no</Message></Error><RequestId>r</RequestId></ErrorResponse>";
    check(on_response::<iam::UserExists>(404, no_user)? == Some((1, State::Retry)), "no user yet")?;
    check(iam::UserExists::CONFIG.delay == 1 && iam::UserExists::CONFIG.max_attempts == 20, "delays")?;
    Ok(())
}

/// From the Smithy traits: the service's paginator merged into the operation's, a waiter of
/// every output comparator, `errorType` and `success`.
fn smithy() -> Result<()> {
    let p = <store::ListThings as Paginated>::PAGINATION;
    check(
        p.input_token == ["NextToken"] && p.output_token == ["NextToken"] && p.limit_key == ["MaxResults"] && p.result_key == ["Things"],
        "the service's paginated trait merged with the operation's",
    )?;
    let c = store::ThingReady::CONFIG;
    check((c.delay, c.max_delay, c.max_attempts) == (3, 30, u32::MAX), "minDelay, maxDelay, no attempt limit")?;
    let thing = |t: store::Thing| store::GetThingOutput { thing: Some(t) };
    let part = |s: &str| store::Part { state: Some(s.into()) };
    let ready = thing(store::Thing { status: Some("READY".into()), ..Default::default() });
    check(on_output::<store::ThingReady>(&ready, 200)? == Some((0, State::Success)), "stringEquals")?;
    let broken = thing(store::Thing { broken: true, ..Default::default() });
    check(on_output::<store::ThingReady>(&broken, 200)? == Some((1, State::Failure)), "booleanEquals")?;
    let ok = thing(store::Thing { parts: vec![part("OK"), part("OK")], ..Default::default() });
    check(on_output::<store::ThingReady>(&ok, 200)? == Some((2, State::Success)), "allStringEquals")?;
    let bad = thing(store::Thing { parts: vec![part("OK"), part("BAD")], ..Default::default() });
    check(on_output::<store::ThingReady>(&bad, 200)? == Some((3, State::Failure)), "anyStringEquals")?;
    check(on_output::<store::ThingReady>(&thing(store::Thing::default()), 200)?.is_none(), "nothing yet")?;
    let missing = r#"{"__type":"NoSuchThing","Message":"no"}"#;
    check(on_response::<store::ThingReady>(400, missing)? == Some((4, State::Retry)), "errorType")?;
    check(on_response::<store::ThingAnswers>(200, "{}")? == Some((0, State::Success)), "success: true")?;
    check(on_response::<store::ThingAnswers>(400, missing)?.is_none(), "success: true, not on errors")?;
    Ok(())
}
"###;

fn generated(model: &Model, operations: &[&str]) -> Generated {
    let options = Options {
        operations: operations.iter().map(|o| o.to_string()).collect(),
        ..Options::default()
    };
    generate(model, &options).unwrap_or_else(|e| panic!("{}: {e}", model.source))
}

/// Calls of the checks of `DECLARATIONS` on the paginators and waiters of `g`, generated
/// into module `module` of crate `krate`.
fn declare(declarations: &mut String, krate: &str, module: &str, g: &Generated) {
    for op in &g.names.paginators {
        writeln!(declarations, "    paginator::<{krate}::{module}::{op}>()?;").ok();
    }
    for (waiter, _) in &g.names.waiters {
        writeln!(
            declarations,
            "    waiter::<{krate}::{module}::{waiter}>()?;"
        )
        .ok();
    }
}

#[test]
fn generated_paginators_and_waiters_compile_and_run() {
    let data = botocore_data();
    let mut modules = Vec::new();
    let mut declarations = String::from("fn declarations() -> Result<()> {\n");
    let mut add = |module: &str, g: &Generated| {
        declare(&mut declarations, "codegen_check_paginators", module, g)
    };
    for (service, operations) in BOTOCORE {
        let g = generated(&load(&data, service), operations);
        add(service, &g);
        modules.push((service.to_string(), g.source));
    }
    let store = generated(
        &Model::load(STORE.as_ref()).unwrap_or_else(|e| panic!("{e}")),
        &[],
    );
    add("store", &store);
    modules.push(("store".to_string(), store.source));
    declarations.push_str("    Ok(())\n}\n");

    // What the models declare for these operations, as written.
    for (module, want) in [
        ("s3", "awso::paginator! {\n    ListObjectVersions {\n        input_token: [\"KeyMarker\", \"VersionIdMarker\"],\n        output_token: [\"NextKeyMarker\", \"NextVersionIdMarker\"],\n        more_results: \"IsTruncated\",\n        limit_key: \"MaxKeys\",\n        result_key: [\"Versions\", \"DeleteMarkers\", \"CommonPrefixes\"],\n    }\n}"),
        ("s3", "        output_token: \"NextMarker || Contents[-1].Key\","),
        ("s3", "            success: status(301),"),
        ("dynamodb", "// The model's result_key also has `Count`, `ScannedCount`, which are not lists: botocore totals\n// them across pages; read them from each page.\nawso::paginator! {\n    Query {"),
        ("dynamodb", "    pub struct TableExists: DescribeTable {\n        delay: 20,\n        max_attempts: 25,\n        acceptors: [\n            success: path(\"Table.TableStatus\") == \"ACTIVE\",\n            retry: error(\"ResourceNotFoundException\"),\n        ],"),
        ("iam", "        more_results: \"IsTruncated\","),
        ("ec2", "            success: pathAll(\"Reservations[].Instances[].State.Name\") == \"running\",\n            failure: pathAny(\"Reservations[].Instances[].State.Name\") == \"shutting-down\","),
        ("ec2", "            success: path(\"length(Reservations[]) > `0`\") == true,"),
        ("store", "            success: error(false),"),
    ] {
        let source = &modules.iter().find(|(n, _)| n == module).expect("module").1;
        assert!(source.contains(want), "{module}: missing {want:?} in:\n{source}");
    }
    let dir = scratch::write_crate(
        "paginators",
        &modules,
        &format!("{DECLARATIONS}\n{WORKFLOWS}\n{declarations}"),
        scratch::Awso::Runtime,
    );
    let out = scratch::cargo(&dir, &["run"]);
    assert!(out.contains("paginators and waiters: ok"), "{out}");
}

#[test]
#[ignore = "every paginator and waiter of 22 services: minutes; run with --ignored"]
fn every_paginator_and_waiter_of_the_services_checks() {
    let data = botocore_data();
    let mut modules = Vec::new();
    let mut declarations = String::from("fn declarations() -> Result<()> {\n");
    let (mut paginators, mut waiters) = (0, 0);
    for (service, protocol) in SERVICES {
        let model = load(&data, service);
        let mut operations: Vec<String> = model
            .operations()
            .iter()
            .map(|(op, _)| op.clone())
            .filter(|op| model.paginator(op).is_some())
            .collect();
        operations.extend(
            model
                .waiters()
                .iter()
                .filter_map(|(_, w)| w.str("operation").map(str::to_string)),
        );
        if operations.is_empty() {
            continue;
        }
        let options = Options {
            operations,
            protocol: protocol.map(str::to_string),
            skip_unsupported: true,
            docs: false,
            ..Options::default()
        };
        let g = generate(&model, &options).unwrap_or_else(|e| panic!("{service}: {e}"));
        for w in &g.warnings {
            eprintln!("{service}: {w}");
        }
        paginators += g.names.paginators.len();
        waiters += g.names.waiters.len();
        let module = service.replace('-', "_");
        declare(&mut declarations, "codegen_check_declarations", &module, &g);
        modules.push((module, g.source));
    }
    declarations.push_str("    Ok(())\n}\n");
    let main = format!(
        "{DECLARATIONS}\n{declarations}\nfn main() -> Result<()> {{\n    declarations()?;\n    println!(\"declarations: ok\");\n    Ok(())\n}}\n"
    );
    let dir = scratch::write_crate("declarations", &modules, &main, scratch::Awso::Runtime);
    let out = scratch::cargo(&dir, &["run"]);
    eprintln!(
        "{paginators} paginators and {waiters} waiters of {} services",
        modules.len()
    );
    assert!(out.contains("declarations: ok"), "{out}");
}
