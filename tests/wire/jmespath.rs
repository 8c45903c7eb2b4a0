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

mod shapes_all_the_way_down {
    //! `awso::paginate::check_expression`: every member an expression reads must be in the
    //! shapes, through structures, lists, maps, unions, boxes and sparse lists; documents
    //! take anything; a path past a scalar is an error.

    use awso::jmespath::Expression;
    use awso::paginate::check_expression;
    use awso::{AwsShape, Document};
    use std::collections::BTreeMap;

    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    pub struct Output {
        pub reservations: Option<Vec<Reservation>>,
        pub by_name: Option<BTreeMap<String, Reservation>>,
        pub value: Option<Value>,
        pub next: Option<Box<Output>>,
        pub sparse: Option<Vec<Option<Reservation>>>,
        pub free: Option<Document>,
        pub count: Option<i32>,
    }

    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    pub struct Reservation {
        pub instances: Option<Vec<Instance>>,
    }

    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    pub struct Instance {
        pub state: Option<State>,
    }

    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    pub struct State {
        pub name: Option<String>,
        pub code: Option<i32>,
    }

    #[derive(AwsShape, Debug, Clone, PartialEq)]
    pub enum Value {
        S(String),
        L(Vec<Value>),
    }

    fn check(e: &str) -> Result<(), String> {
        let e = Expression::parse(e).unwrap();
        check_expression::<Output>("waiter W", "path", &e).map_err(|e| e.to_string())
    }

    #[test]
    fn paths_the_shapes_have_pass() {
        for e in [
            "Reservations[].Instances[].State.Name",
            "length(Reservations[?Instances[0].State.Code > `16`]) > `0`",
            "ByName.anything.Instances[].State.Code",
            "Value.L[].S",
            "Next.Next.Reservations[-1].Instances",
            "Sparse[].Instances",
            "Free.whatever.goes.here",
            "Count",
            "contains(Reservations[].Instances[].State.Name, 'running') || `true`",
        ] {
            assert_eq!(check(e), Ok(()), "{e}");
        }
    }

    #[test]
    fn a_missing_member_is_named_with_the_shape_that_lacks_it() {
        let members = "(it has Name, Code)";
        assert_eq!(
            check("Reservations[].Instances[].State.Nam"),
            Err(format!(
                "waiter W: path `Reservations[].Instances[].State.Nam` names `Nam`, which State \
                 has no member of {members}"
            ))
        );
        assert_eq!(
            check("Reservations[?Instances[0].Stat.Code == `16`]"),
            Err(
                "waiter W: path `Reservations[?Instances[0].Stat.Code == `16`]` names `Stat`, \
                 which Instance has no member of (it has State)"
                    .into()
            )
        );
        assert!(check("ByName.any.Instance")
            .unwrap_err()
            .contains("names `Instance`, which Reservation"));
        assert!(check("Value.M")
            .unwrap_err()
            .contains("which Value has no member of (it has S, L)"));
        assert!(check("Next.Reservation")
            .unwrap_err()
            .contains("which Output has no member"));
        assert!(check("Sparse[].Instance")
            .unwrap_err()
            .contains("which Reservation"));
        assert_eq!(
            check("Count.Value"),
            Err(
                "waiter W: path `Count.Value` reads `Value` from a number, which has no members"
                    .into()
            )
        );
        assert_eq!(
            check("Reservation"),
            Err(
                "waiter W: path `Reservation` is not a member of Output (it has Reservations, \
                 ByName, Value, Next, Sparse, Free, Count)"
                    .into()
            )
        );
    }
}
