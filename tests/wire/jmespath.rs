//! The JMESPath subset (`awso::jmespath`) against botocore's `jmespath`: every paginator and
//! waiter expression in botocore's models of the example services (SQS, S3, DynamoDB, EC2,
//! IAM, STS) parses, and gives botocore's result on sample documents made for it
//! (`tests/botocore/jmespath_cases.py`).

use crate::common;
use awso::jmespath::{json_equal, Expression};
use awso::serde_json::Value;

#[test]
fn every_paginator_and_waiter_expression_of_the_example_services_matches_botocore() {
    let all = common::botocore_json(&[&common::script("jmespath_cases.py")]);
    let expressions = all["expressions"].as_array().expect("a list");
    assert!(
        expressions.len() >= 250,
        "{} expressions",
        expressions.len()
    );
    let (mut cases, mut reached) = (0, 0);
    for e in expressions {
        let source = e["expression"].as_str().unwrap();
        let parsed = Expression::parse(source).unwrap_or_else(|err| {
            panic!("{} {}: {err}", e["service"], e["where"]);
        });
        for case in e["cases"].as_array().unwrap() {
            let (doc, want) = (&case[0], &case[1]);
            let got = parsed.search(doc);
            match (&got, want.get("ok")) {
                (Ok(got), Some(want)) => {
                    assert!(
                        json_equal(got, want),
                        "{source} on {doc}: awso {got}, botocore {want}"
                    );
                    if !matches!(got, Value::Null | Value::Bool(false))
                        && got.as_array().is_none_or(|a| !a.is_empty())
                    {
                        reached += 1;
                    }
                }
                (Err(_), None) => {}
                _ => panic!("{source} on {doc}: awso {got:?}, botocore {want}"),
            }
            cases += 1;
        }
    }
    // The documents reach into the expressions, not only miss them.
    assert!(
        reached * 2 > cases,
        "{reached} of {cases} cases found something"
    );
    eprintln!(
        "{} expressions, {cases} documents, {reached} with a result",
        expressions.len()
    );
}
