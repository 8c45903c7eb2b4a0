//! Runs one workload many times, for profilers (`valgrind --tool=callgrind`):
//! `profile <workload> [iterations]`; `profile list` names the workloads.

use awso::xml::Xml;
use awso::AwsShape;
use awso_benches::{cloudwatch, dynamodb, ec2, ecs, gamelift, logs, s3, sqs};
use std::hint::black_box;

fn main() {
    let mut args = std::env::args().skip(1);
    let workload = args.next().unwrap_or_else(|| "list".into());
    let n: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(20);
    let gl = gamelift::describe_player_sessions_body(1000);
    let glc = gamelift::create_player_session_body();
    let ddb = dynamodb::query_body(1000);
    let ec2 = String::from_utf8(ec2::describe_instances_body(ec2::RESERVATIONS_1MB)).unwrap();
    let s3 = String::from_utf8(s3::list_objects_v2_body(1000)).unwrap();
    type GlA = gamelift::awso_shapes::DescribePlayerSessionsOutput;
    type GlS = gamelift::serde_shapes::DescribePlayerSessionsOutput;
    type GlcA = gamelift::awso_shapes::CreatePlayerSessionOutput;
    type GlcS = gamelift::serde_shapes::CreatePlayerSessionOutput;
    type DdbA = dynamodb::awso_shapes::QueryOutput;
    type DdbS = dynamodb::serde_shapes::QueryOutput;
    type Ec2A = ec2::awso_shapes::DescribeInstancesOutput;
    type Ec2S = ec2::serde_shapes::DescribeInstancesOutput;
    type S3A = s3::awso_shapes::ListObjectsV2Output;
    type S3S = s3::serde_shapes::ListObjectsV2Output;
    let gl_a: GlA = awso::json::from_slice(&gl).unwrap();
    let gl_s: GlS = serde_json::from_slice(&gl).unwrap();
    let ddb_a: DdbA = awso::json::from_slice(&ddb).unwrap();
    let ddb_s: DdbS = serde_json::from_slice(&ddb).unwrap();
    let sqs_a = sqs::send_message_batch_input(10);
    let ddb_v: serde_json::Value = serde_json::from_slice(&ddb).unwrap();
    let logs = logs::filter_log_events_body(logs::EVENTS_09MB);
    let sqsr = sqs::receive_message_body(10);
    let ecs = ecs::describe_tasks_body(100);
    let cw = cloudwatch::get_metric_data_body(cloudwatch::POINTS_PER_DAY);
    type LogsA = logs::awso_shapes::FilterLogEventsOutput;
    type LogsS = logs::serde_shapes::FilterLogEventsOutput;
    type SqsrA = sqs::awso_shapes::ReceiveMessageOutput;
    type SqsrS = sqs::serde_shapes::ReceiveMessageOutput;
    type EcsA = ecs::awso_shapes::DescribeTasksOutput;
    type EcsS = ecs::serde_shapes::DescribeTasksOutput;
    type CwA = cloudwatch::awso_shapes::GetMetricDataOutput;
    type CwS = cloudwatch::serde_shapes::GetMetricDataOutput;
    let logs_a: LogsA = awso::json::from_slice(&logs).unwrap();
    let logs_s: LogsS = serde_json::from_slice(&logs).unwrap();
    let sqsr_a: SqsrA = awso::json::from_slice(&sqsr).unwrap();
    let sqsr_s: SqsrS = serde_json::from_slice(&sqsr).unwrap();
    let ecs_a: EcsA = awso::json::from_slice(&ecs).unwrap();
    let ecs_s: EcsS = serde_json::from_slice(&ecs).unwrap();
    let cw_a: CwA = awso::json::from_slice(&cw).unwrap();
    let cw_s: CwS = serde_json::from_slice(&cw).unwrap();
    let cw_cbor = awso::cbor::to_vec(&cw_a);
    let cbor_vec = |v: &CwS| {
        let mut out = Vec::new();
        ciborium::into_writer(v, &mut out).unwrap();
        out
    };
    for _ in 0..n {
        match workload.as_str() {
            "gamelift-parse-awso" => drop(black_box(awso::json::from_slice::<GlA>(&gl).unwrap())),
            "gamelift-parse-serde" => drop(black_box(serde_json::from_slice::<GlS>(&gl).unwrap())),
            "gamelift-create-parse-awso" => {
                drop(black_box(awso::json::from_slice::<GlcA>(&glc).unwrap()))
            }
            "gamelift-create-parse-serde" => {
                drop(black_box(serde_json::from_slice::<GlcS>(&glc).unwrap()))
            }
            "gamelift-ser-awso" => drop(black_box(awso::json::to_vec(&gl_a))),
            "gamelift-ser-serde" => drop(black_box(serde_json::to_vec(&gl_s).unwrap())),
            "dynamodb-parse-awso" => drop(black_box(awso::json::from_slice::<DdbA>(&ddb).unwrap())),
            "dynamodb-parse-serde" => {
                drop(black_box(serde_json::from_slice::<DdbS>(&ddb).unwrap()))
            }
            "dynamodb-ser-awso" => drop(black_box(awso::json::to_vec(&ddb_a))),
            "dynamodb-ser-serde" => drop(black_box(serde_json::to_vec(&ddb_s).unwrap())),
            "dynamodb-of-json" => drop(black_box(DdbA::of_json(&ddb_v).unwrap())),
            "dynamodb-to-json" => drop(black_box(ddb_a.to_json())),
            "ec2-parse-awso" => drop(black_box(awso::xml::from_str_ec2::<Ec2A>(&ec2).unwrap())),
            "ec2-parse-serde" => drop(black_box(quick_xml::de::from_str::<Ec2S>(&ec2).unwrap())),
            "ec2-parse-tree" => drop(black_box(Ec2A::of_xml(&Xml::parse(&ec2).unwrap()).unwrap())),
            "s3-parse-awso" => drop(black_box(awso::xml::from_str::<S3A>(&s3).unwrap())),
            "s3-parse-serde" => drop(black_box(quick_xml::de::from_str::<S3S>(&s3).unwrap())),
            "gamelift-cbor-ser-awso" => drop(black_box(awso::cbor::to_vec(&gl_a))),
            "gamelift-cbor-ser-serde" => {
                let mut out = Vec::new();
                ciborium::into_writer(&gl_s, &mut out).unwrap();
                drop(black_box(out))
            }
            "logs-parse-awso" => drop(black_box(awso::json::from_slice::<LogsA>(&logs).unwrap())),
            "logs-parse-serde" => drop(black_box(serde_json::from_slice::<LogsS>(&logs).unwrap())),
            "logs-ser-awso" => drop(black_box(awso::json::to_vec(&logs_a))),
            "logs-ser-serde" => drop(black_box(serde_json::to_vec(&logs_s).unwrap())),
            "sqsrecv-parse-awso" => {
                drop(black_box(awso::json::from_slice::<SqsrA>(&sqsr).unwrap()))
            }
            "sqsrecv-parse-serde" => {
                drop(black_box(serde_json::from_slice::<SqsrS>(&sqsr).unwrap()))
            }
            "sqsrecv-ser-awso" => drop(black_box(awso::json::to_vec(&sqsr_a))),
            "sqsrecv-ser-serde" => drop(black_box(serde_json::to_vec(&sqsr_s).unwrap())),
            "ecs-parse-awso" => drop(black_box(awso::json::from_slice::<EcsA>(&ecs).unwrap())),
            "ecs-parse-serde" => drop(black_box(serde_json::from_slice::<EcsS>(&ecs).unwrap())),
            "ecs-ser-awso" => drop(black_box(awso::json::to_vec(&ecs_a))),
            "ecs-ser-serde" => drop(black_box(serde_json::to_vec(&ecs_s).unwrap())),
            "cloudwatch-parse-awso" => drop(black_box(awso::json::from_slice::<CwA>(&cw).unwrap())),
            "cloudwatch-parse-serde" => {
                drop(black_box(serde_json::from_slice::<CwS>(&cw).unwrap()))
            }
            "cloudwatch-ser-awso" => drop(black_box(awso::json::to_vec(&cw_a))),
            "cloudwatch-ser-serde" => drop(black_box(serde_json::to_vec(&cw_s).unwrap())),
            "cloudwatch-cbor-parse-awso" => {
                drop(black_box(awso::cbor::from_slice::<CwA>(&cw_cbor).unwrap()))
            }
            "cloudwatch-cbor-parse-serde" => drop(black_box(
                ciborium::from_reader::<CwS, _>(&cw_cbor[..]).unwrap(),
            )),
            "cloudwatch-cbor-ser-awso" => drop(black_box(awso::cbor::to_vec(&cw_a))),
            "cloudwatch-cbor-ser-serde" => drop(black_box(cbor_vec(&cw_s))),
            "sqs-query" => drop(black_box(
                sqs_a.to_query().to_body(sqs::ACTION, sqs::VERSION),
            )),
            _ => {
                println!(
                    "workloads: gamelift-{{parse,ser}}-{{awso,serde}}, gamelift-create-parse-{{awso,serde}}, \
                     dynamodb-{{parse,ser}}-{{awso,serde}}, dynamodb-{{of,to}}-json, ec2-parse-{{awso,serde,tree}}, \
                     s3-parse-{{awso,serde}}, gamelift-cbor-ser-{{awso,serde}}, sqs-query, \
                     {{logs,sqsrecv,ecs,cloudwatch,cloudwatch-cbor}}-{{parse,ser}}-{{awso,serde}}"
                );
                return;
            }
        }
    }
}
