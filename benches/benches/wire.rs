//! Runtime benchmarks: awso's direct and tree paths against serde derives on the same bytes.
//!
//! Names are `<format>_<service>_<message>::<parse|serialize>::<variant>`; `report.py` turns
//! the output into MB/s and awso / serde ratios.
//!
//! Allocations: the binary's global allocator counts calls; every benchmark runs its workload
//! once more, counted, before divan times it, and the counts are printed after divan's table
//! as `alloc <group>::<op> <variant> <allocs> <reallocs> <bytes>` lines.

use awso::xml::Xml;
use awso::AwsShape;
use awso_benches::alloc::{self, Allocs, Counting};
use awso_benches::{cloudwatch, dynamodb, ec2, ecs, gamelift, logs, s3, sqs};
use divan::counter::BytesCount;
use divan::counter::IntoCounter;
use divan::{black_box, Bencher};
use std::sync::{LazyLock, Mutex};

#[global_allocator]
static ALLOC: Counting = Counting;

/// Allocations of each benchmark's workload, by `(module path, variant)`.
static ALLOCS: Mutex<Vec<(String, &'static str, Allocs)>> = Mutex::new(Vec::new());

fn main() {
    divan::main();
    let allocs = ALLOCS.lock().unwrap_or_else(|e| e.into_inner());
    for (path, variant, a) in allocs.iter() {
        let group = path
            .split_once("::")
            .map_or(path.as_str(), |(_, rest)| rest);
        println!(
            "alloc {group} {variant} {} {} {}",
            a.allocs, a.reallocs, a.bytes
        );
    }
}

/// Counts the allocations of one call of `f` (after one warm-up call, so lazily built inputs
/// are not counted), then has divan time it.
fn run<T, C: IntoCounter>(
    b: Bencher,
    path: &str,
    variant: &'static str,
    counter: C,
    f: impl Fn() -> T + Sync,
) {
    drop(f());
    let a = alloc::count(&f);
    let mut allocs = ALLOCS.lock().unwrap_or_else(|e| e.into_inner());
    if !allocs.iter().any(|(p, v, _)| p == path && *v == variant) {
        allocs.push((path.to_owned(), variant, a));
    }
    drop(allocs);
    b.counter(counter).bench(f);
}

/// JSON benchmarks of one message: parse and serialize, awso (direct and tree) against
/// serde_json (derive, `Value`, and `IgnoredAny` as the lower bound).
macro_rules! json_benches {
    ($module:ident, $body:expr, $awso:ty, $serde:ty) => {
        mod $module {
            use super::*;

            static BODY: LazyLock<Vec<u8>> = LazyLock::new(|| $body);

            mod parse {
                use super::*;

                #[divan::bench]
                fn awso_direct(b: Bencher) {
                    run(
                        b,
                        module_path!(),
                        "awso_direct",
                        BytesCount::of_slice(&*BODY),
                        || awso::json::from_slice::<$awso>(black_box(&BODY)).unwrap(),
                    );
                }

                #[divan::bench]
                fn awso_tree(b: Bencher) {
                    run(
                        b,
                        module_path!(),
                        "awso_tree",
                        BytesCount::of_slice(&*BODY),
                        || {
                            let v: serde_json::Value =
                                serde_json::from_slice(black_box(&BODY)).unwrap();
                            <$awso>::of_json(&v).unwrap()
                        },
                    );
                }

                #[divan::bench]
                fn serde_derive(b: Bencher) {
                    run(
                        b,
                        module_path!(),
                        "serde_derive",
                        BytesCount::of_slice(&*BODY),
                        || serde_json::from_slice::<$serde>(black_box(&BODY)).unwrap(),
                    );
                }

                #[cfg(any(target_arch = "x86_64", target_arch = "aarch64"))]
                #[divan::bench]
                fn sonic_derive(b: Bencher) {
                    run(
                        b,
                        module_path!(),
                        "sonic_derive",
                        BytesCount::of_slice(&*BODY),
                        || sonic_rs::from_slice::<$serde>(black_box(&BODY)).unwrap(),
                    );
                }

                #[divan::bench]
                fn serde_value(b: Bencher) {
                    run(
                        b,
                        module_path!(),
                        "serde_value",
                        BytesCount::of_slice(&*BODY),
                        || serde_json::from_slice::<serde_json::Value>(black_box(&BODY)).unwrap(),
                    );
                }

                #[divan::bench]
                fn serde_ignored_any(b: Bencher) {
                    run(
                        b,
                        module_path!(),
                        "serde_ignored_any",
                        BytesCount::of_slice(&*BODY),
                        || {
                            serde_json::from_slice::<serde::de::IgnoredAny>(black_box(&BODY))
                                .unwrap()
                        },
                    );
                }
            }

            mod serialize {
                use super::*;

                static AWSO: LazyLock<$awso> =
                    LazyLock::new(|| awso::json::from_slice(&BODY).unwrap());
                static SERDE: LazyLock<$serde> =
                    LazyLock::new(|| serde_json::from_slice(&BODY).unwrap());
                static VALUE: LazyLock<serde_json::Value> =
                    LazyLock::new(|| serde_json::from_slice(&BODY).unwrap());

                #[divan::bench]
                fn awso_direct(b: Bencher) {
                    let len = awso::json::to_vec(&*AWSO).len();
                    run(
                        b,
                        module_path!(),
                        "awso_direct",
                        BytesCount::new(len),
                        || awso::json::to_vec(black_box(&*AWSO)),
                    );
                }

                #[divan::bench]
                fn awso_tree(b: Bencher) {
                    let len = awso::json::to_vec(&*AWSO).len();
                    run(b, module_path!(), "awso_tree", BytesCount::new(len), || {
                        serde_json::to_vec(&black_box(&*AWSO).to_json()).unwrap()
                    });
                }

                #[divan::bench]
                fn serde_derive(b: Bencher) {
                    let len = serde_json::to_vec(&*SERDE).unwrap().len();
                    run(
                        b,
                        module_path!(),
                        "serde_derive",
                        BytesCount::new(len),
                        || serde_json::to_vec(black_box(&*SERDE)).unwrap(),
                    );
                }

                #[cfg(any(target_arch = "x86_64", target_arch = "aarch64"))]
                #[divan::bench]
                fn sonic_derive(b: Bencher) {
                    let len = sonic_rs::to_vec(&*SERDE).unwrap().len();
                    run(
                        b,
                        module_path!(),
                        "sonic_derive",
                        BytesCount::new(len),
                        || sonic_rs::to_vec(black_box(&*SERDE)).unwrap(),
                    );
                }

                #[divan::bench]
                fn serde_value(b: Bencher) {
                    let len = serde_json::to_vec(&*VALUE).unwrap().len();
                    run(
                        b,
                        module_path!(),
                        "serde_value",
                        BytesCount::new(len),
                        || serde_json::to_vec(black_box(&*VALUE)).unwrap(),
                    );
                }
            }
        }
    };
}

json_benches!(
    json_gamelift_describe_player_sessions,
    gamelift::describe_player_sessions_body(1000),
    gamelift::awso_shapes::DescribePlayerSessionsOutput,
    gamelift::serde_shapes::DescribePlayerSessionsOutput
);

json_benches!(
    json_gamelift_create_player_session,
    gamelift::create_player_session_body(),
    gamelift::awso_shapes::CreatePlayerSessionOutput,
    gamelift::serde_shapes::CreatePlayerSessionOutput
);

json_benches!(
    json_dynamodb_query,
    dynamodb::query_body(1000),
    dynamodb::awso_shapes::QueryOutput,
    dynamodb::serde_shapes::QueryOutput
);

json_benches!(
    json_logs_filter_log_events,
    logs::filter_log_events_body(logs::EVENTS_09MB),
    logs::awso_shapes::FilterLogEventsOutput,
    logs::serde_shapes::FilterLogEventsOutput
);

json_benches!(
    json_sqs_receive_message,
    sqs::receive_message_body(10),
    sqs::awso_shapes::ReceiveMessageOutput,
    sqs::serde_shapes::ReceiveMessageOutput
);

json_benches!(
    json_ecs_describe_tasks,
    ecs::describe_tasks_body(100),
    ecs::awso_shapes::DescribeTasksOutput,
    ecs::serde_shapes::DescribeTasksOutput
);

json_benches!(
    json_cloudwatch_get_metric_data,
    cloudwatch::get_metric_data_body(cloudwatch::POINTS_PER_DAY),
    cloudwatch::awso_shapes::GetMetricDataOutput,
    cloudwatch::serde_shapes::GetMetricDataOutput
);

/// CBOR benchmarks of one message (the JSON message's value written by awso, as rpcv2Cbor
/// sends it): awso (direct and tree) against ciborium's serde support (derive and
/// `ciborium::Value`) with the same types as the JSON groups.
macro_rules! cbor_benches {
    ($module:ident, $json:expr, $awso:ty, $serde:ty) => {
        mod $module {
            use super::*;

            static BODY: LazyLock<Vec<u8>> = LazyLock::new(|| {
                awso::cbor::to_vec(&awso::json::from_slice::<$awso>(&$json).unwrap())
            });

            mod parse {
                use super::*;

                #[divan::bench]
                fn awso_direct(b: Bencher) {
                    run(
                        b,
                        module_path!(),
                        "awso_direct",
                        BytesCount::of_slice(&*BODY),
                        || awso::cbor::from_slice::<$awso>(black_box(&BODY)).unwrap(),
                    );
                }

                #[divan::bench]
                fn awso_tree(b: Bencher) {
                    run(
                        b,
                        module_path!(),
                        "awso_tree",
                        BytesCount::of_slice(&*BODY),
                        || {
                            let v = awso::cbor::Cbor::from_slice(black_box(&BODY)).unwrap();
                            <$awso>::of_cbor(&v).unwrap()
                        },
                    );
                }

                #[divan::bench]
                fn serde_derive(b: Bencher) {
                    run(
                        b,
                        module_path!(),
                        "serde_derive",
                        BytesCount::of_slice(&*BODY),
                        || ciborium::from_reader::<$serde, _>(black_box(&BODY[..])).unwrap(),
                    );
                }

                #[divan::bench]
                fn serde_value(b: Bencher) {
                    run(
                        b,
                        module_path!(),
                        "serde_value",
                        BytesCount::of_slice(&*BODY),
                        || {
                            ciborium::from_reader::<ciborium::Value, _>(black_box(&BODY[..]))
                                .unwrap()
                        },
                    );
                }
            }

            mod serialize {
                use super::*;

                static AWSO: LazyLock<$awso> =
                    LazyLock::new(|| awso::cbor::from_slice(&BODY).unwrap());
                static SERDE: LazyLock<$serde> =
                    LazyLock::new(|| ciborium::from_reader(&BODY[..]).unwrap());

                fn ciborium_vec<T: serde::Serialize>(v: &T) -> Vec<u8> {
                    let mut out = Vec::new();
                    ciborium::into_writer(v, &mut out).unwrap();
                    out
                }

                #[divan::bench]
                fn awso_direct(b: Bencher) {
                    run(
                        b,
                        module_path!(),
                        "awso_direct",
                        BytesCount::of_slice(&*BODY),
                        || awso::cbor::to_vec(black_box(&*AWSO)),
                    );
                }

                #[divan::bench]
                fn awso_tree(b: Bencher) {
                    run(
                        b,
                        module_path!(),
                        "awso_tree",
                        BytesCount::of_slice(&*BODY),
                        || black_box(&*AWSO).to_cbor().to_vec(),
                    );
                }

                #[divan::bench]
                fn serde_derive(b: Bencher) {
                    let len = ciborium_vec(&*SERDE).len();
                    run(
                        b,
                        module_path!(),
                        "serde_derive",
                        BytesCount::new(len),
                        || ciborium_vec(black_box(&*SERDE)),
                    );
                }
            }
        }
    };
}

cbor_benches!(
    cbor_gamelift_describe_player_sessions,
    gamelift::describe_player_sessions_body(1000),
    gamelift::awso_shapes::DescribePlayerSessionsOutput,
    gamelift::serde_shapes::DescribePlayerSessionsOutput
);

cbor_benches!(
    cbor_cloudwatch_get_metric_data,
    cloudwatch::get_metric_data_body(cloudwatch::POINTS_PER_DAY),
    cloudwatch::awso_shapes::GetMetricDataOutput,
    cloudwatch::serde_shapes::GetMetricDataOutput
);

cbor_benches!(
    cbor_dynamodb_query,
    dynamodb::query_body(1000),
    dynamodb::awso_shapes::QueryOutput,
    dynamodb::serde_shapes::QueryOutput
);

/// XML benchmarks of one response: parse with awso (direct and tree) against quick-xml's
/// serde support; serialize what was parsed.
macro_rules! xml_benches {
    ($module:ident, $body:expr, $read:path, $awso:ty, $serde:ty) => {
        mod $module {
            use super::*;

            static BODY: LazyLock<String> = LazyLock::new(|| String::from_utf8($body).unwrap());

            mod parse {
                use super::*;

                #[divan::bench]
                fn awso_direct(b: Bencher) {
                    run(
                        b,
                        module_path!(),
                        "awso_direct",
                        BytesCount::of_str(&*BODY),
                        || -> $awso { $read(black_box(&BODY)).unwrap() },
                    );
                }

                #[divan::bench]
                fn awso_tree(b: Bencher) {
                    run(
                        b,
                        module_path!(),
                        "awso_tree",
                        BytesCount::of_str(&*BODY),
                        || {
                            let xml = Xml::parse(black_box(&BODY)).unwrap();
                            <$awso>::of_xml(&xml).unwrap()
                        },
                    );
                }

                #[divan::bench]
                fn awso_tree_only(b: Bencher) {
                    run(
                        b,
                        module_path!(),
                        "awso_tree_only",
                        BytesCount::of_str(&*BODY),
                        || Xml::parse(black_box(&BODY)).unwrap(),
                    );
                }

                #[divan::bench]
                fn serde_derive(b: Bencher) {
                    run(
                        b,
                        module_path!(),
                        "serde_derive",
                        BytesCount::of_str(&*BODY),
                        || quick_xml::de::from_str::<$serde>(black_box(&BODY)).unwrap(),
                    );
                }
            }

            mod serialize {
                use super::*;

                static AWSO: LazyLock<$awso> = LazyLock::new(|| $read(&BODY).unwrap());
                static SERDE: LazyLock<$serde> =
                    LazyLock::new(|| quick_xml::de::from_str(&BODY).unwrap());

                #[divan::bench]
                fn awso_direct(b: Bencher) {
                    let len = awso::xml::to_vec(&*AWSO).len();
                    run(
                        b,
                        module_path!(),
                        "awso_direct",
                        BytesCount::new(len),
                        || awso::xml::to_vec(black_box(&*AWSO)),
                    );
                }

                #[divan::bench]
                fn serde_derive(b: Bencher) {
                    let len = quick_xml::se::to_string(&*SERDE).unwrap().len();
                    run(
                        b,
                        module_path!(),
                        "serde_derive",
                        BytesCount::new(len),
                        || quick_xml::se::to_string(black_box(&*SERDE)).unwrap(),
                    );
                }
            }
        }
    };
}

xml_benches!(
    xml_ec2_describe_instances,
    ec2::describe_instances_body(ec2::RESERVATIONS_1MB),
    awso::xml::from_str_ec2,
    ec2::awso_shapes::DescribeInstancesOutput,
    ec2::serde_shapes::DescribeInstancesOutput
);

xml_benches!(
    xml_s3_list_objects_v2,
    s3::list_objects_v2_body(1000),
    awso::xml::from_str,
    s3::awso_shapes::ListObjectsV2Output,
    s3::serde_shapes::ListObjectsV2Output
);

/// SQS `SendMessageBatch` (10 entries with attributes): the awsQuery form body awso writes,
/// against the same request as JSON (awso and serde_json), which is what SQS takes now.
mod query_sqs_send_message_batch {
    use super::*;

    static AWSO: LazyLock<sqs::awso_shapes::SendMessageBatchInput> =
        LazyLock::new(|| sqs::send_message_batch_input(10));
    static SERDE: LazyLock<sqs::serde_shapes::SendMessageBatchInput> =
        LazyLock::new(|| serde_json::from_slice(&sqs::send_message_batch_json(10)).unwrap());

    mod serialize {
        use super::*;

        #[divan::bench]
        fn awso_query(b: Bencher) {
            let len = sqs::send_message_batch_query(10).len();
            run(
                b,
                module_path!(),
                "awso_query",
                BytesCount::new(len),
                || {
                    black_box(&*AWSO)
                        .to_query()
                        .to_body(sqs::ACTION, sqs::VERSION)
                },
            );
        }

        #[divan::bench]
        fn awso_json(b: Bencher) {
            let len = awso::json::to_vec(&*AWSO).len();
            run(b, module_path!(), "awso_json", BytesCount::new(len), || {
                awso::json::to_vec(black_box(&*AWSO))
            });
        }

        #[divan::bench]
        fn serde_json_derive(b: Bencher) {
            let len = serde_json::to_vec(&*SERDE).unwrap().len();
            run(
                b,
                module_path!(),
                "serde_json_derive",
                BytesCount::new(len),
                || serde_json::to_vec(black_box(&*SERDE)).unwrap(),
            );
        }
    }
}
