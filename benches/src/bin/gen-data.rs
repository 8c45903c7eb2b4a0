//! Writes the benchmark messages to a folder (default `target/bench-data/`), so botocore reads
//! the same bytes: `cargo run -p awso-benches --bin gen-data -- target/bench-data/`.
//! Also checks that awso and the serde derives read each body to the same number of items.

use awso_benches::{dynamodb, ec2, gamelift, messages, s3};
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
