//! awso's typed JSON parse allocates no more than serde_json's derive on any benchmark
//! message: the benchmark's `allocs / msg` column as a test, so a reader change that adds
//! allocations fails here instead of in a report.
//!
//! One test: the counting allocator sees every thread, so nothing else may run meanwhile.

use awso_benches::alloc::{self, Allocs, Counting};
use awso_benches::{cloudwatch, dynamodb, ecs, gamelift, logs, sqs};
use serde::de::DeserializeOwned;

#[global_allocator]
static ALLOC: Counting = Counting;

/// The allocations of one parse by each side, after one uncounted parse each.
fn both<A: awso::AwsShape, S: DeserializeOwned>(body: &[u8]) -> (Allocs, Allocs) {
    let awso = || awso::json::from_slice::<A>(body).expect("awso parses the message");
    let serde = || serde_json::from_slice::<S>(body).expect("serde_json parses the message");
    drop((awso(), serde()));
    (alloc::count(awso), alloc::count(serde))
}

#[test]
fn json_parse_allocates_no_more_than_serde_derive() {
    let rows = [
        (
            "GameLift DescribePlayerSessions",
            both::<
                gamelift::awso_shapes::DescribePlayerSessionsOutput,
                gamelift::serde_shapes::DescribePlayerSessionsOutput,
            >(&gamelift::describe_player_sessions_body(1000)),
        ),
        (
            "GameLift CreatePlayerSession",
            both::<
                gamelift::awso_shapes::CreatePlayerSessionOutput,
                gamelift::serde_shapes::CreatePlayerSessionOutput,
            >(&gamelift::create_player_session_body()),
        ),
        (
            "DynamoDB Query",
            both::<dynamodb::awso_shapes::QueryOutput, dynamodb::serde_shapes::QueryOutput>(
                &dynamodb::query_body(1000),
            ),
        ),
        (
            "CloudWatch Logs FilterLogEvents",
            both::<
                logs::awso_shapes::FilterLogEventsOutput,
                logs::serde_shapes::FilterLogEventsOutput,
            >(&logs::filter_log_events_body(logs::EVENTS_09MB)),
        ),
        (
            "SQS ReceiveMessage",
            both::<sqs::awso_shapes::ReceiveMessageOutput, sqs::serde_shapes::ReceiveMessageOutput>(
                &sqs::receive_message_body(10),
            ),
        ),
        (
            "ECS DescribeTasks",
            both::<ecs::awso_shapes::DescribeTasksOutput, ecs::serde_shapes::DescribeTasksOutput>(
                &ecs::describe_tasks_body(100),
            ),
        ),
        (
            "CloudWatch GetMetricData",
            both::<
                cloudwatch::awso_shapes::GetMetricDataOutput,
                cloudwatch::serde_shapes::GetMetricDataOutput,
            >(&cloudwatch::get_metric_data_body(
                cloudwatch::POINTS_PER_DAY,
            )),
        ),
    ];
    let mut over = Vec::new();
    for (message, (awso, serde)) in rows {
        eprintln!(
            "{message}: awso {} allocations ({} reallocations), serde_json derive {} ({})",
            awso.allocs, awso.reallocs, serde.allocs, serde.reallocs
        );
        if awso.calls() > serde.calls() {
            over.push(message);
        }
    }
    assert!(
        over.is_empty(),
        "awso allocates more than serde_json's derive on {over:?}"
    );
}
