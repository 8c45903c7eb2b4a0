//! Writes the benchmark messages to a folder (default `target/bench-data/`), so botocore reads
//! the same bytes: `cargo run -p awso-benches --bin gen-data -- target/bench-data/`.
//! Also checks that awso and the serde derives read each body to the same number of items.

use awso_benches::{cloudwatch, dynamodb, ec2, ecs, gamelift, logs, messages, s3, sqs};
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "target/bench-data".into()),
    );
    std::fs::create_dir_all(&dir)?;
    for m in messages() {
        let path = dir.join(m.file);
        std::fs::write(&path, &m.bytes)?;
        println!("{:>9} bytes  {}", m.bytes.len(), path.display());
    }

    let body = gamelift::describe_player_sessions_body(1000);
    let a: gamelift::awso_shapes::DescribePlayerSessionsOutput = awso::json::from_slice(&body)?;
    let s: gamelift::serde_shapes::DescribePlayerSessionsOutput = serde_json::from_slice(&body)?;
    println!("gamelift: awso {} sessions, serde {}", a.len(), s.len());

    let body = dynamodb::query_body(1000);
    let a: dynamodb::awso_shapes::QueryOutput = awso::json::from_slice(&body)?;
    let s: dynamodb::serde_shapes::QueryOutput = serde_json::from_slice(&body)?;
    println!("dynamodb: awso {} items, serde {}", a.len(), s.len());

    let body = logs::filter_log_events_body(logs::EVENTS_09MB);
    let a: logs::awso_shapes::FilterLogEventsOutput = awso::json::from_slice(&body)?;
    let s: logs::serde_shapes::FilterLogEventsOutput = serde_json::from_slice(&body)?;
    println!("logs: awso {} events, serde {}", a.len(), s.len());

    let body = sqs::receive_message_body(10);
    let a: sqs::awso_shapes::ReceiveMessageOutput = awso::json::from_slice(&body)?;
    let s: sqs::serde_shapes::ReceiveMessageOutput = serde_json::from_slice(&body)?;
    println!("sqs receive: awso {} messages, serde {}", a.len(), s.len());

    let body = ecs::describe_tasks_body(100);
    let a: ecs::awso_shapes::DescribeTasksOutput = awso::json::from_slice(&body)?;
    let s: ecs::serde_shapes::DescribeTasksOutput = serde_json::from_slice(&body)?;
    println!("ecs: awso {} tasks, serde {}", a.len(), s.len());

    let body = cloudwatch::get_metric_data_body(cloudwatch::POINTS_PER_DAY);
    let a: cloudwatch::awso_shapes::GetMetricDataOutput = awso::json::from_slice(&body)?;
    let s: cloudwatch::serde_shapes::GetMetricDataOutput = serde_json::from_slice(&body)?;
    println!("cloudwatch: awso {} points, serde {}", a.len(), s.len());
    let cbor = awso::cbor::to_vec(&a);
    let a2: cloudwatch::awso_shapes::GetMetricDataOutput = awso::cbor::from_slice(&cbor)?;
    let s2: cloudwatch::serde_shapes::GetMetricDataOutput = ciborium::from_reader(&cbor[..])?;
    println!(
        "cloudwatch cbor: awso {} points (same: {}), serde {} (same: {})",
        a2.len(),
        a2 == a,
        s2.len(),
        s2 == s
    );

    let body = String::from_utf8(ec2::describe_instances_body(ec2::RESERVATIONS_1MB))?;
    let a: ec2::awso_shapes::DescribeInstancesOutput = awso::xml::from_str_ec2(&body)?;
    let s: ec2::serde_shapes::DescribeInstancesOutput = quick_xml::de::from_str(&body)?;
    println!(
        "ec2: awso {} instances, serde {}",
        a.instances(),
        s.instances()
    );

    let body = String::from_utf8(s3::list_objects_v2_body(1000))?;
    let a: s3::awso_shapes::ListObjectsV2Output = awso::xml::from_str(&body)?;
    let s: s3::serde_shapes::ListObjectsV2Output = quick_xml::de::from_str(&body)?;
    println!("s3: awso {} keys, serde {}", a.len(), s.len());
    Ok(())
}
