//! ECS (awsJson1_1, camelCase members): a `DescribeTasks` output of 100 Fargate tasks (the
//! most one call returns), nested four levels deep: containers with network bindings and
//! interfaces, attachments with their details, overrides, tags; epoch-second timestamps.

use crate::Rng;
use std::fmt::Write as _;

/// The shapes with `#[derive(AwsShape)]`.
pub mod awso_shapes {
    use awso::{AwsShape, Timestamp};

    /// `DescribeTasksResponse`.
    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    #[aws(rename_all = "camelCase")]
    pub struct DescribeTasksOutput {
        tasks: Option<Vec<Task>>,
        failures: Option<Vec<Failure>>,
    }

    /// `Task`.
    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    #[aws(rename_all = "camelCase")]
    pub struct Task {
        attachments: Option<Vec<Attachment>>,
        availability_zone: Option<String>,
        cluster_arn: Option<String>,
        connectivity: Option<String>,
        connectivity_at: Option<Timestamp>,
        containers: Option<Vec<Container>>,
        cpu: Option<String>,
        created_at: Option<Timestamp>,
        desired_status: Option<String>,
        enable_execute_command: Option<bool>,
        ephemeral_storage: Option<EphemeralStorage>,
        group: Option<String>,
        health_status: Option<String>,
        last_status: Option<String>,
        launch_type: Option<String>,
        memory: Option<String>,
        overrides: Option<TaskOverride>,
        platform_family: Option<String>,
        platform_version: Option<String>,
        pull_started_at: Option<Timestamp>,
        pull_stopped_at: Option<Timestamp>,
        started_at: Option<Timestamp>,
        started_by: Option<String>,
        tags: Option<Vec<Tag>>,
        task_arn: Option<String>,
        task_definition_arn: Option<String>,
        version: Option<i64>,
    }

    /// `Attachment`.
    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    #[aws(rename_all = "camelCase")]
    pub struct Attachment {
        id: Option<String>,
        r#type: Option<String>,
        status: Option<String>,
        details: Option<Vec<KeyValuePair>>,
    }

    /// `KeyValuePair`.
    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    #[aws(rename_all = "camelCase")]
    pub struct KeyValuePair {
        name: Option<String>,
        value: Option<String>,
    }

    /// `Container`.
    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    #[aws(rename_all = "camelCase")]
    pub struct Container {
        container_arn: Option<String>,
        task_arn: Option<String>,
        name: Option<String>,
        image: Option<String>,
        image_digest: Option<String>,
        runtime_id: Option<String>,
        last_status: Option<String>,
        exit_code: Option<i32>,
        network_bindings: Option<Vec<NetworkBinding>>,
        network_interfaces: Option<Vec<NetworkInterface>>,
        health_status: Option<String>,
        cpu: Option<String>,
        memory: Option<String>,
        memory_reservation: Option<String>,
    }

    /// `NetworkBinding`.
    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    #[aws(rename_all = "camelCase")]
    pub struct NetworkBinding {
        #[aws(rename = "bindIP")]
        bind_ip: Option<String>,
        container_port: Option<i32>,
        host_port: Option<i32>,
        protocol: Option<String>,
    }

    /// `NetworkInterface`.
    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    #[aws(rename_all = "camelCase")]
    pub struct NetworkInterface {
        attachment_id: Option<String>,
        private_ipv4_address: Option<String>,
    }

    /// `EphemeralStorage`.
    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    #[aws(rename_all = "camelCase")]
    pub struct EphemeralStorage {
        #[aws(rename = "sizeInGiB")]
        size_in_gib: Option<i32>,
    }

    /// `TaskOverride`.
    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    #[aws(rename_all = "camelCase")]
    pub struct TaskOverride {
        container_overrides: Option<Vec<ContainerOverride>>,
        inference_accelerator_overrides: Option<Vec<String>>,
    }

    /// `ContainerOverride`.
    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    #[aws(rename_all = "camelCase")]
    pub struct ContainerOverride {
        name: Option<String>,
        environment: Option<Vec<KeyValuePair>>,
    }

    /// `Tag`.
    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    #[aws(rename_all = "camelCase")]
    pub struct Tag {
        key: Option<String>,
        value: Option<String>,
    }

    /// `Failure`.
    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    #[aws(rename_all = "camelCase")]
    pub struct Failure {
        arn: Option<String>,
        reason: Option<String>,
        detail: Option<String>,
    }

    impl DescribeTasksOutput {
        /// How many tasks were read.
        pub fn len(&self) -> usize {
            self.tasks.as_ref().map_or(0, Vec::len)
        }

        /// Whether no task was read.
        pub fn is_empty(&self) -> bool {
            self.len() == 0
        }
    }
}

/// The same shapes with serde's derives.
pub mod serde_shapes {
    use awso::Timestamp;
    use serde::{Deserialize, Serialize};

    /// `DescribeTasksResponse`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "camelCase")]
    pub struct DescribeTasksOutput {
        #[serde(skip_serializing_if = "Option::is_none")]
        tasks: Option<Vec<Task>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        failures: Option<Vec<Failure>>,
    }

    /// `Task`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "camelCase")]
    pub struct Task {
        #[serde(skip_serializing_if = "Option::is_none")]
        attachments: Option<Vec<Attachment>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        availability_zone: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        cluster_arn: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        connectivity: Option<String>,
        #[serde(
            default,
            with = "crate::serde_with::epoch_opt",
            skip_serializing_if = "Option::is_none"
        )]
        connectivity_at: Option<Timestamp>,
        #[serde(skip_serializing_if = "Option::is_none")]
        containers: Option<Vec<Container>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        cpu: Option<String>,
        #[serde(
            default,
            with = "crate::serde_with::epoch_opt",
            skip_serializing_if = "Option::is_none"
        )]
        created_at: Option<Timestamp>,
        #[serde(skip_serializing_if = "Option::is_none")]
        desired_status: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        enable_execute_command: Option<bool>,
        #[serde(skip_serializing_if = "Option::is_none")]
        ephemeral_storage: Option<EphemeralStorage>,
        #[serde(skip_serializing_if = "Option::is_none")]
        group: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        health_status: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        last_status: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        launch_type: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        memory: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        overrides: Option<TaskOverride>,
        #[serde(skip_serializing_if = "Option::is_none")]
        platform_family: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        platform_version: Option<String>,
        #[serde(
            default,
            with = "crate::serde_with::epoch_opt",
            skip_serializing_if = "Option::is_none"
        )]
        pull_started_at: Option<Timestamp>,
        #[serde(
            default,
            with = "crate::serde_with::epoch_opt",
            skip_serializing_if = "Option::is_none"
        )]
        pull_stopped_at: Option<Timestamp>,
        #[serde(
            default,
            with = "crate::serde_with::epoch_opt",
            skip_serializing_if = "Option::is_none"
        )]
        started_at: Option<Timestamp>,
        #[serde(skip_serializing_if = "Option::is_none")]
        started_by: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        tags: Option<Vec<Tag>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        task_arn: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        task_definition_arn: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        version: Option<i64>,
    }

    /// `Attachment`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "camelCase")]
    pub struct Attachment {
        #[serde(skip_serializing_if = "Option::is_none")]
        id: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        r#type: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        status: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        details: Option<Vec<KeyValuePair>>,
    }

    /// `KeyValuePair`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "camelCase")]
    pub struct KeyValuePair {
        #[serde(skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        value: Option<String>,
    }

    /// `Container`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "camelCase")]
    pub struct Container {
        #[serde(skip_serializing_if = "Option::is_none")]
        container_arn: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        task_arn: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        image: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        image_digest: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        runtime_id: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        last_status: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        exit_code: Option<i32>,
        #[serde(skip_serializing_if = "Option::is_none")]
        network_bindings: Option<Vec<NetworkBinding>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        network_interfaces: Option<Vec<NetworkInterface>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        health_status: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        cpu: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        memory: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        memory_reservation: Option<String>,
    }

    /// `NetworkBinding`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "camelCase")]
    pub struct NetworkBinding {
        #[serde(rename = "bindIP", skip_serializing_if = "Option::is_none")]
        bind_ip: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        container_port: Option<i32>,
        #[serde(skip_serializing_if = "Option::is_none")]
        host_port: Option<i32>,
        #[serde(skip_serializing_if = "Option::is_none")]
        protocol: Option<String>,
    }

    /// `NetworkInterface`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "camelCase")]
    pub struct NetworkInterface {
        #[serde(skip_serializing_if = "Option::is_none")]
        attachment_id: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        private_ipv4_address: Option<String>,
    }

    /// `EphemeralStorage`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "camelCase")]
    pub struct EphemeralStorage {
        #[serde(rename = "sizeInGiB", skip_serializing_if = "Option::is_none")]
        size_in_gib: Option<i32>,
    }

    /// `TaskOverride`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "camelCase")]
    pub struct TaskOverride {
        #[serde(skip_serializing_if = "Option::is_none")]
        container_overrides: Option<Vec<ContainerOverride>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        inference_accelerator_overrides: Option<Vec<String>>,
    }

    /// `ContainerOverride`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "camelCase")]
    pub struct ContainerOverride {
        #[serde(skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        environment: Option<Vec<KeyValuePair>>,
    }

    /// `Tag`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "camelCase")]
    pub struct Tag {
        #[serde(skip_serializing_if = "Option::is_none")]
        key: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        value: Option<String>,
    }

    /// `Failure`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "camelCase")]
    pub struct Failure {
        #[serde(skip_serializing_if = "Option::is_none")]
        arn: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        detail: Option<String>,
    }

    impl DescribeTasksOutput {
        /// How many tasks were read.
        pub fn len(&self) -> usize {
            self.tasks.as_ref().map_or(0, Vec::len)
        }

        /// Whether no task was read.
        pub fn is_empty(&self) -> bool {
            self.len() == 0
        }
    }
}

const ACCOUNT: &str = "123456789012";
const CLUSTER: &str = "checkout-prod";

/// Epoch seconds with milliseconds, as ECS writes them (`1732528861.345`).
fn epoch(ms: u64) -> String {
    format!("{}.{:03}", ms / 1000, ms % 1000)
}

fn container(rng: &mut Rng, task_arn: &str, name: &str, ip: &str, eni: &str, out: &mut String) {
    let _ = write!(
        out,
        r#"{{"containerArn":"arn:aws:ecs:eu-west-1:{ACCOUNT}:container/{CLUSTER}/{}/{}","taskArn":"{task_arn}","name":"{name}","image":"{ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/{name}:v2.{}.{}","imageDigest":"sha256:{}","runtimeId":"{}-{}","lastStatus":"RUNNING","networkBindings":[{{"bindIP":"0.0.0.0","containerPort":{},"hostPort":{},"protocol":"tcp"}}],"networkInterfaces":[{{"attachmentId":"{eni}","privateIpv4Address":"{ip}"}}],"healthStatus":"HEALTHY","cpu":"{}","memory":"{}","memoryReservation":"{}"}}"#,
        rng.hex(32),
        rng.uuid(),
        rng.below(40),
        rng.below(10),
        rng.hex(64),
        rng.hex(32),
        rng.below(10_000_000_000),
        8080,
        8080,
        *rng.pick(&[256, 512, 1024]),
        *rng.pick(&[512, 1024, 2048]),
        *rng.pick(&[256, 512]),
    );
}

fn task(rng: &mut Rng, out: &mut String) {
    let id = rng.hex(32);
    let task_arn = format!("arn:aws:ecs:eu-west-1:{ACCOUNT}:task/{CLUSTER}/{id}");
    let eni = rng.uuid();
    let ip = format!("10.0.{}.{}", rng.below(256), rng.below(256));
    let created = 1_732_000_000_000u64 + rng.below(86_400_000);
    let az = *rng.pick(&["eu-west-1a", "eu-west-1b", "eu-west-1c"]);
    let _ = write!(
        out,
        r#"{{"attachments":[{{"id":"{eni}","type":"ElasticNetworkInterface","status":"ATTACHED","details":[{{"name":"subnetId","value":"subnet-{}"}},{{"name":"networkInterfaceId","value":"eni-{}"}},{{"name":"macAddress","value":"0a:{}:{}:{}:{}:{}"}},{{"name":"privateDnsName","value":"ip-{}.eu-west-1.compute.internal"}},{{"name":"privateIPv4Address","value":"{ip}"}}]}}],"availabilityZone":"{az}","clusterArn":"arn:aws:ecs:eu-west-1:{ACCOUNT}:cluster/{CLUSTER}","connectivity":"CONNECTED","connectivityAt":{},"containers":["#,
        rng.hex(17),
        rng.hex(17),
        rng.hex(2),
        rng.hex(2),
        rng.hex(2),
        rng.hex(2),
        rng.hex(2),
        ip.replace('.', "-"),
        epoch(created + 2_000 + rng.below(3_000)),
    );
    let names = ["checkout-api", "envoy", "log-router"];
    for (i, name) in names.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        container(rng, &task_arn, name, &ip, &eni, out);
    }
    let pulled = created + 10_000 + rng.below(5_000);
    let _ = write!(
        out,
        r#"],"cpu":"1024","createdAt":{},"desiredStatus":"RUNNING","enableExecuteCommand":{},"ephemeralStorage":{{"sizeInGiB":20}},"group":"service:checkout-api","healthStatus":"HEALTHY","lastStatus":"RUNNING","launchType":"FARGATE","memory":"2048","overrides":{{"containerOverrides":[{{"name":"checkout-api"}},{{"name":"envoy"}},{{"name":"log-router"}}],"inferenceAcceleratorOverrides":[]}},"platformFamily":"Linux","platformVersion":"1.4.0","pullStartedAt":{},"pullStoppedAt":{},"startedAt":{},"startedBy":"ecs-svc/{}","tags":[{{"key":"team","value":"payments"}},{{"key":"env","value":"prod"}},{{"key":"cost-center","value":"cc-{}"}}],"taskArn":"{task_arn}","taskDefinitionArn":"arn:aws:ecs:eu-west-1:{ACCOUNT}:task-definition/checkout-api:{}","version":{}}}"#,
        epoch(created),
        rng.below(2) == 0,
        epoch(created + 9_000),
        epoch(pulled),
        epoch(pulled + 4_000 + rng.below(2_000)),
        rng.below(10u64.pow(19)),
        rng.below(1000),
        100 + rng.below(300),
        3 + rng.below(5),
    );
}

/// A `DescribeTasks` response body with `n` tasks (ECS returns at most 100).
pub fn describe_tasks_body(n: usize) -> Vec<u8> {
    let mut rng = Rng::new(0xec5);
    let mut out = String::with_capacity(n * 5000);
    out.push_str(r#"{"tasks":["#);
    for i in 0..n {
        if i > 0 {
            out.push(',');
        }
        task(&mut rng, &mut out);
    }
    out.push_str(r#"],"failures":[]}"#);
    out.into_bytes()
}
