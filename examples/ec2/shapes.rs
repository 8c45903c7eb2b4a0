//! The EC2 shapes of launching, describing and terminating instances, hand-modelled from the
//! EC2 API reference (ec2Query). Request parameters are the upper-cased `xml_name`
//! (`TagSpecification.1.Tag.1.Key`); responses use the lower-camel `xml_name` and `<item>`
//! list elements, as EC2 does.

use awso::{AwsShape, Timestamp};

awso::service! {
    /// Amazon EC2.
    pub struct Ec2 {
        name: "EC2",
        protocol: Protocol::Ec2Query,
        api_version: "2016-11-15",
        signing_name: "ec2",
        endpoint_prefix: "ec2",
    }
}

awso::operation! { /** Launches instances. */ pub struct RunInstances: Ec2(RunInstancesInput) -> Reservation, Ec2Error; }
awso::operation! { /** Describes instances. */ pub struct DescribeInstances: Ec2(DescribeInstancesInput) -> DescribeInstancesOutput, Ec2Error; }
awso::operation! { /** Terminates instances. */ pub struct TerminateInstances: Ec2(TerminateInstancesInput) -> TerminateInstancesOutput, Ec2Error; }

/// A tag.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct Tag {
    /// The key.
    #[aws(xml_name = "key")]
    pub key: Option<String>,
    /// The value.
    #[aws(xml_name = "value")]
    pub value: Option<String>,
}

/// Tags to put on a resource that a call creates.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct TagSpecification {
    /// `instance`, `volume`, ...
    #[aws(xml_name = "resourceType")]
    pub resource_type: Option<String>,
    /// The tags.
    #[aws(xml_name = "Tag")]
    pub tags: Option<Vec<Tag>>,
}

/// Input of `RunInstances`.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct RunInstancesInput {
    /// The AMI.
    pub image_id: Option<String>,
    /// `t3.micro`, ...
    pub instance_type: Option<String>,
    /// Launch at least this many, or none.
    pub min_count: i32,
    /// Launch at most this many.
    pub max_count: i32,
    /// Tags for the instances (and volumes).
    #[aws(xml_name = "TagSpecification")]
    pub tag_specifications: Option<Vec<TagSpecification>>,
    /// Makes the call idempotent; a fresh token is made when unset.
    #[aws(xml_name = "clientToken", idempotency_token)]
    pub client_token: Option<String>,
}

/// An instance's state.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct InstanceState {
    /// 0 pending, 16 running, 32 shutting-down, 48 terminated, 64 stopping, 80 stopped.
    #[aws(xml_name = "code")]
    pub code: Option<i32>,
    /// `pending`, `running`, ...
    #[aws(xml_name = "name")]
    pub name: Option<String>,
}

/// An instance.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct Instance {
    /// Its ID.
    #[aws(xml_name = "instanceId")]
    pub instance_id: Option<String>,
    /// The AMI it was launched from.
    #[aws(xml_name = "imageId")]
    pub image_id: Option<String>,
    /// Its type.
    #[aws(xml_name = "instanceType")]
    pub instance_type: Option<String>,
    /// Its state.
    #[aws(xml_name = "instanceState")]
    pub state: Option<InstanceState>,
    /// Its private IPv4 address.
    #[aws(xml_name = "privateIpAddress")]
    pub private_ip_address: Option<String>,
    /// When it was launched.
    #[aws(xml_name = "launchTime")]
    pub launch_time: Option<Timestamp>,
    /// Its tags.
    #[aws(xml_name = "tagSet", item_name = "item")]
    pub tags: Option<Vec<Tag>>,
}

/// Instances launched together; also the output of `RunInstances`.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct Reservation {
    /// Its ID.
    #[aws(xml_name = "reservationId")]
    pub reservation_id: Option<String>,
    /// The owning account.
    #[aws(xml_name = "ownerId")]
    pub owner_id: Option<String>,
    /// The instances.
    #[aws(xml_name = "instancesSet", item_name = "item")]
    pub instances: Option<Vec<Instance>>,
}

/// A filter of `Describe*` calls: the items whose `name` is one of `values`.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct Filter {
    /// `instance-state-name`, `tag:<key>`, ...
    pub name: Option<String>,
    /// The values that match.
    #[aws(xml_name = "Value")]
    pub values: Option<Vec<String>>,
}

/// Input of `DescribeInstances`.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct DescribeInstancesInput {
    /// Only these instances.
    #[aws(xml_name = "InstanceId")]
    pub instance_ids: Option<Vec<String>>,
    /// Only instances that pass every filter.
    #[aws(xml_name = "Filter")]
    pub filters: Option<Vec<Filter>>,
    /// Where the previous page stopped.
    #[aws(xml_name = "nextToken")]
    pub next_token: Option<String>,
}

/// Output of `DescribeInstances`.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct DescribeInstancesOutput {
    /// The reservations of the instances found.
    #[aws(xml_name = "reservationSet", item_name = "item")]
    pub reservations: Option<Vec<Reservation>>,
    /// The token of the next page.
    #[aws(xml_name = "nextToken")]
    pub next_token: Option<String>,
}

/// Input of `TerminateInstances`.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct TerminateInstancesInput {
    /// The instances.
    #[aws(xml_name = "InstanceId")]
    pub instance_ids: Vec<String>,
}

/// A state change.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct InstanceStateChange {
    /// The instance.
    #[aws(xml_name = "instanceId")]
    pub instance_id: Option<String>,
    /// Its state now.
    #[aws(xml_name = "currentState")]
    pub current_state: Option<InstanceState>,
    /// Its state before.
    #[aws(xml_name = "previousState")]
    pub previous_state: Option<InstanceState>,
}

/// Output of `TerminateInstances`.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
pub struct TerminateInstancesOutput {
    /// What changed.
    #[aws(xml_name = "instancesSet", item_name = "item")]
    pub terminating_instances: Option<Vec<InstanceStateChange>>,
}

/// EC2 models no error shapes: every code (`InvalidInstanceID.NotFound`,
/// `InvalidAMIID.Malformed`, `UnauthorizedOperation`, ...) lands in `Unknown`.
#[derive(AwsShape, Debug)]
#[aws(errors)]
pub enum Ec2Error {
    /// The error, with its code.
    #[aws(unknown)]
    Unknown {
        /// The error code.
        code: String,
        /// The message, if any.
        message: Option<String>,
    },
}
