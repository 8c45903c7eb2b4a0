//! EC2 over ec2Query: launch two tagged instances, find them by tag, terminate them, and see
//! an error code. The AMI is the first argument (`cargo run --example ec2 -- ami-...`).
//!
//! Credentials, region and endpoint come from the environment and `~/.aws`. Against a local
//! moto (`moto_server -p 5000`), whose example AMI is `ami-12c6146b`:
//!
//! ```sh
//! AWS_ENDPOINT_URL=http://127.0.0.1:5000 AWS_REGION=us-east-1 \
//! AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test cargo run --example ec2
//! ```
//!
//! `cargo run --example ec2 -- --async` runs the same workflow on the async client
//! (reqwest on tokio) instead of the blocking one.

#[path = "shapes.rs"]
pub mod shapes;

#[path = "../common/mod.rs"]
pub mod common;

use awso::operation::OperationError;
use common::Call;
use shapes::*;
use std::error::Error;

/// What the workflow saw.
#[derive(Debug)]
pub struct Report {
    /// What `RunInstances` returned.
    pub launched: Reservation,
    /// The instances `DescribeInstances` found by tag.
    pub described: Vec<Instance>,
    /// What `TerminateInstances` returned.
    pub terminated: TerminateInstancesOutput,
    /// A `DescribeInstances` of an instance that does not exist.
    pub missing: OperationError<Ec2Error>,
}

/// Launches two `t3.micro` instances of `image` tagged `game=<game>`, finds and terminates
/// them.
pub async fn run(client: &impl Call, image: &str, game: &str) -> Result<Report, Box<dyn Error>> {
    let tag = |k: &str, v: &str| Tag {
        key: Some(k.into()),
        value: Some(v.into()),
    };
    let launched = client
        .call::<RunInstances>(&RunInstancesInput {
            image_id: Some(image.into()),
            instance_type: Some("t3.micro".into()),
            min_count: 2,
            max_count: 2,
            tag_specifications: Some(vec![TagSpecification {
                resource_type: Some("instance".into()),
                tags: Some(vec![tag("game", game), tag("Name", "awso example")]),
            }]),
            client_token: None,
        })
        .await?;
    let ids: Vec<String> = launched
        .instances
        .iter()
        .flatten()
        .filter_map(|i| i.instance_id.clone())
        .collect();
    println!(
        "launched {ids:?} in {}",
        launched.reservation_id.as_deref().unwrap_or("?")
    );

    let described: Vec<Instance> = client
        .call::<DescribeInstances>(&DescribeInstancesInput {
            filters: Some(vec![
                Filter {
                    name: Some("tag:game".into()),
                    values: Some(vec![game.into()]),
                },
                Filter {
                    name: Some("instance-state-name".into()),
                    values: Some(vec!["pending".into(), "running".into()]),
                },
            ]),
            ..Default::default()
        })
        .await?
        .reservations
        .into_iter()
        .flatten()
        .flat_map(|r| r.instances.unwrap_or_default())
        .collect();
    for i in &described {
        println!(
            "{} {} {:?} {}",
            i.instance_id.as_deref().unwrap_or("?"),
            i.instance_type.as_deref().unwrap_or("?"),
            i.state.as_ref().and_then(|s| s.name.as_deref()),
            i.private_ip_address.as_deref().unwrap_or("-")
        );
    }

    let terminated = client
        .call::<TerminateInstances>(&TerminateInstancesInput { instance_ids: ids })
        .await?;
    println!("terminating {:?}", terminated.terminating_instances);

    let missing = client
        .call::<DescribeInstances>(&DescribeInstancesInput {
            instance_ids: Some(vec!["i-0123456789abcdef0".into()]),
            ..Default::default()
        })
        .await
        .err()
        .ok_or("DescribeInstances found an instance that should not exist")?;
    println!("DescribeInstances of a missing instance: {missing}");
    Ok(Report {
        launched,
        described,
        terminated,
        missing,
    })
}

#[allow(dead_code)]
fn main() -> Result<(), Box<dyn Error>> {
    let image = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with("--"))
        .unwrap_or_else(|| "ami-12c6146b".to_string());
    if common::is_async() {
        common::on_tokio(run(&awso::Client::from_env()?, &image, "awso-example"))?;
    } else {
        common::blocking(run(
            &awso::blocking::Client::from_env()?,
            &image,
            "awso-example",
        ))?;
    }
    Ok(())
}
