//! EC2 (ec2Query): a `DescribeInstances` response of about 1 MB: `<item>` lists, nested
//! structures, timestamps, booleans, an enum, entities in text, and elements the model leaves
//! out (skipped by both readers).

use crate::Rng;
use std::fmt::Write as _;

/// How many reservations (of two instances each) make a body of about 1 MB.
pub const RESERVATIONS_1MB: usize = 128;

/// The shapes with `#[derive(AwsShape)]`.
pub mod awso_shapes {
    use awso::{AwsShape, Timestamp};

    /// `DescribeInstancesResult`.
    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    #[aws(rename_all = "camelCase")]
    pub struct DescribeInstancesOutput {
        request_id: Option<String>,
        #[aws(item_name = "item")]
        reservation_set: Option<Vec<Reservation>>,
        next_token: Option<String>,
    }

    /// `Reservation`.
    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    #[aws(rename_all = "camelCase")]
    pub struct Reservation {
        reservation_id: Option<String>,
        owner_id: Option<String>,
        #[aws(item_name = "item")]
        group_set: Option<Vec<GroupIdentifier>>,
        #[aws(item_name = "item")]
        instances_set: Option<Vec<Instance>>,
    }

    /// `GroupIdentifier`.
    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    #[aws(rename_all = "camelCase")]
    pub struct GroupIdentifier {
        group_id: Option<String>,
        group_name: Option<String>,
    }

    /// `Instance`.
    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    #[aws(rename_all = "camelCase")]
    pub struct Instance {
        instance_id: Option<String>,
        image_id: Option<String>,
        instance_state: Option<InstanceState>,
        private_dns_name: Option<String>,
        dns_name: Option<String>,
        reason: Option<String>,
        key_name: Option<String>,
        ami_launch_index: Option<i32>,
        instance_type: Option<String>,
        launch_time: Option<Timestamp>,
        placement: Option<Placement>,
        monitoring: Option<Monitoring>,
        subnet_id: Option<String>,
        vpc_id: Option<String>,
        private_ip_address: Option<String>,
        ip_address: Option<String>,
        source_dest_check: Option<bool>,
        #[aws(item_name = "item")]
        group_set: Option<Vec<GroupIdentifier>>,
        architecture: Option<String>,
        root_device_type: Option<String>,
        root_device_name: Option<String>,
        #[aws(item_name = "item")]
        block_device_mapping: Option<Vec<InstanceBlockDeviceMapping>>,
        virtualization_type: Option<String>,
        client_token: Option<String>,
        #[aws(item_name = "item")]
        tag_set: Option<Vec<Tag>>,
        hypervisor: Option<String>,
        #[aws(item_name = "item")]
        network_interface_set: Option<Vec<InstanceNetworkInterface>>,
        ebs_optimized: Option<bool>,
        ena_support: Option<bool>,
        cpu_options: Option<CpuOptions>,
        metadata_options: Option<MetadataOptions>,
        platform_details: Option<String>,
        usage_operation: Option<String>,
        usage_operation_update_time: Option<Timestamp>,
    }

    /// `InstanceState`.
    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    #[aws(rename_all = "camelCase")]
    pub struct InstanceState {
        code: Option<i32>,
        name: Option<InstanceStateName>,
    }

    /// `InstanceStateName`.
    #[derive(AwsShape, Debug, Clone, PartialEq)]
    #[aws(rename_all = "kebab-case")]
    pub enum InstanceStateName {
        /// `pending`
        Pending,
        /// `running`
        Running,
        /// `shutting-down`
        ShuttingDown,
        /// `terminated`
        Terminated,
        /// `stopping`
        Stopping,
        /// `stopped`
        Stopped,
        /// Any other value.
        #[aws(unknown)]
        Unknown(String),
    }

    /// `Placement`.
    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    #[aws(rename_all = "camelCase")]
    pub struct Placement {
        availability_zone: Option<String>,
        group_name: Option<String>,
        tenancy: Option<String>,
    }

    /// `Monitoring`.
    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    #[aws(rename_all = "camelCase")]
    pub struct Monitoring {
        state: Option<String>,
    }

    /// `InstanceBlockDeviceMapping`.
    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    #[aws(rename_all = "camelCase")]
    pub struct InstanceBlockDeviceMapping {
        device_name: Option<String>,
        ebs: Option<EbsInstanceBlockDevice>,
    }

    /// `EbsInstanceBlockDevice`.
    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    #[aws(rename_all = "camelCase")]
    pub struct EbsInstanceBlockDevice {
        volume_id: Option<String>,
        status: Option<String>,
        attach_time: Option<Timestamp>,
        delete_on_termination: Option<bool>,
    }

    /// `Tag`.
    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    #[aws(rename_all = "camelCase")]
    pub struct Tag {
        key: Option<String>,
        value: Option<String>,
    }

    /// `InstanceNetworkInterface`.
    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    #[aws(rename_all = "camelCase")]
    pub struct InstanceNetworkInterface {
        network_interface_id: Option<String>,
        subnet_id: Option<String>,
        vpc_id: Option<String>,
        description: Option<String>,
        owner_id: Option<String>,
        status: Option<String>,
        mac_address: Option<String>,
        private_ip_address: Option<String>,
        private_dns_name: Option<String>,
        source_dest_check: Option<bool>,
        #[aws(item_name = "item")]
        group_set: Option<Vec<GroupIdentifier>>,
        attachment: Option<InstanceNetworkInterfaceAttachment>,
        association: Option<InstanceNetworkInterfaceAssociation>,
        #[aws(item_name = "item")]
        private_ip_addresses_set: Option<Vec<InstancePrivateIpAddress>>,
    }

    /// `InstanceNetworkInterfaceAttachment`.
    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    #[aws(rename_all = "camelCase")]
    pub struct InstanceNetworkInterfaceAttachment {
        attachment_id: Option<String>,
        device_index: Option<i32>,
        status: Option<String>,
        attach_time: Option<Timestamp>,
        delete_on_termination: Option<bool>,
    }

    /// `InstanceNetworkInterfaceAssociation`.
    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    #[aws(rename_all = "camelCase")]
    pub struct InstanceNetworkInterfaceAssociation {
        public_ip: Option<String>,
        public_dns_name: Option<String>,
        ip_owner_id: Option<String>,
    }

    /// `InstancePrivateIpAddress`.
    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    #[aws(rename_all = "camelCase")]
    pub struct InstancePrivateIpAddress {
        private_ip_address: Option<String>,
        private_dns_name: Option<String>,
        primary: Option<bool>,
        association: Option<InstanceNetworkInterfaceAssociation>,
    }

    /// `CpuOptions`.
    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    #[aws(rename_all = "camelCase")]
    pub struct CpuOptions {
        core_count: Option<i32>,
        threads_per_core: Option<i32>,
    }

    /// `InstanceMetadataOptionsResponse`.
    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    #[aws(rename_all = "camelCase")]
    pub struct MetadataOptions {
        state: Option<String>,
        http_tokens: Option<String>,
        http_put_response_hop_limit: Option<i32>,
        http_endpoint: Option<String>,
    }

    impl DescribeInstancesOutput {
        /// How many instances were read.
        pub fn instances(&self) -> usize {
            self.reservation_set
                .iter()
                .flatten()
                .map(|r| r.instances_set.as_ref().map_or(0, Vec::len))
                .sum()
        }
    }
}

/// The same shapes with serde's derives, for quick-xml.
pub mod serde_shapes {
    use awso::Timestamp;
    use serde::{Deserialize, Serialize};

    /// An EC2 list: a wrapper element with one `<item>` per item.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
    pub struct Items<T> {
        #[serde(rename = "item", default)]
        item: Vec<T>,
    }

    impl<T> Default for Items<T> {
        fn default() -> Self {
            Items { item: Vec::new() }
        }
    }

    /// `DescribeInstancesResult`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "camelCase", rename = "DescribeInstancesResponse")]
    pub struct DescribeInstancesOutput {
        request_id: Option<String>,
        reservation_set: Option<Items<Reservation>>,
        next_token: Option<String>,
    }

    /// `Reservation`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "camelCase")]
    pub struct Reservation {
        reservation_id: Option<String>,
        owner_id: Option<String>,
        group_set: Option<Items<GroupIdentifier>>,
        instances_set: Option<Items<Instance>>,
    }

    /// `GroupIdentifier`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "camelCase")]
    pub struct GroupIdentifier {
        group_id: Option<String>,
        group_name: Option<String>,
    }

    /// `Instance`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "camelCase")]
    pub struct Instance {
        instance_id: Option<String>,
        image_id: Option<String>,
        instance_state: Option<InstanceState>,
        private_dns_name: Option<String>,
        dns_name: Option<String>,
        reason: Option<String>,
        key_name: Option<String>,
        ami_launch_index: Option<i32>,
        instance_type: Option<String>,
        #[serde(default, with = "crate::serde_with::date_time_opt")]
        launch_time: Option<Timestamp>,
        placement: Option<Placement>,
        monitoring: Option<Monitoring>,
        subnet_id: Option<String>,
        vpc_id: Option<String>,
        private_ip_address: Option<String>,
        ip_address: Option<String>,
        source_dest_check: Option<bool>,
        group_set: Option<Items<GroupIdentifier>>,
        architecture: Option<String>,
        root_device_type: Option<String>,
        root_device_name: Option<String>,
        block_device_mapping: Option<Items<InstanceBlockDeviceMapping>>,
        virtualization_type: Option<String>,
        client_token: Option<String>,
        tag_set: Option<Items<Tag>>,
        hypervisor: Option<String>,
        network_interface_set: Option<Items<InstanceNetworkInterface>>,
        ebs_optimized: Option<bool>,
        ena_support: Option<bool>,
        cpu_options: Option<CpuOptions>,
        metadata_options: Option<MetadataOptions>,
        platform_details: Option<String>,
        usage_operation: Option<String>,
        #[serde(default, with = "crate::serde_with::date_time_opt")]
        usage_operation_update_time: Option<Timestamp>,
    }

    /// `InstanceState`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "camelCase")]
    pub struct InstanceState {
        code: Option<i32>,
        name: Option<InstanceStateName>,
    }

    /// `InstanceStateName`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
    #[serde(rename_all = "kebab-case")]
    pub enum InstanceStateName {
        /// `pending`
        Pending,
        /// `running`
        Running,
        /// `shutting-down`
        ShuttingDown,
        /// `terminated`
        Terminated,
        /// `stopping`
        Stopping,
        /// `stopped`
        Stopped,
        /// Any other value.
        #[serde(other)]
        Unknown,
    }

    /// `Placement`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "camelCase")]
    pub struct Placement {
        availability_zone: Option<String>,
        group_name: Option<String>,
        tenancy: Option<String>,
    }

    /// `Monitoring`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "camelCase")]
    pub struct Monitoring {
        state: Option<String>,
    }

    /// `InstanceBlockDeviceMapping`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "camelCase")]
    pub struct InstanceBlockDeviceMapping {
        device_name: Option<String>,
        ebs: Option<EbsInstanceBlockDevice>,
    }

    /// `EbsInstanceBlockDevice`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "camelCase")]
    pub struct EbsInstanceBlockDevice {
        volume_id: Option<String>,
        status: Option<String>,
        #[serde(default, with = "crate::serde_with::date_time_opt")]
        attach_time: Option<Timestamp>,
        delete_on_termination: Option<bool>,
    }

    /// `Tag`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "camelCase")]
    pub struct Tag {
        key: Option<String>,
        value: Option<String>,
    }

    /// `InstanceNetworkInterface`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "camelCase")]
    pub struct InstanceNetworkInterface {
        network_interface_id: Option<String>,
        subnet_id: Option<String>,
        vpc_id: Option<String>,
        description: Option<String>,
        owner_id: Option<String>,
        status: Option<String>,
        mac_address: Option<String>,
        private_ip_address: Option<String>,
        private_dns_name: Option<String>,
        source_dest_check: Option<bool>,
        group_set: Option<Items<GroupIdentifier>>,
        attachment: Option<InstanceNetworkInterfaceAttachment>,
        association: Option<InstanceNetworkInterfaceAssociation>,
        private_ip_addresses_set: Option<Items<InstancePrivateIpAddress>>,
    }

    /// `InstanceNetworkInterfaceAttachment`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "camelCase")]
    pub struct InstanceNetworkInterfaceAttachment {
        attachment_id: Option<String>,
        device_index: Option<i32>,
        status: Option<String>,
        #[serde(default, with = "crate::serde_with::date_time_opt")]
        attach_time: Option<Timestamp>,
        delete_on_termination: Option<bool>,
    }

    /// `InstanceNetworkInterfaceAssociation`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "camelCase")]
    pub struct InstanceNetworkInterfaceAssociation {
        public_ip: Option<String>,
        public_dns_name: Option<String>,
        ip_owner_id: Option<String>,
    }

    /// `InstancePrivateIpAddress`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "camelCase")]
    pub struct InstancePrivateIpAddress {
        private_ip_address: Option<String>,
        private_dns_name: Option<String>,
        primary: Option<bool>,
        association: Option<InstanceNetworkInterfaceAssociation>,
    }

    /// `CpuOptions`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "camelCase")]
    pub struct CpuOptions {
        core_count: Option<i32>,
        threads_per_core: Option<i32>,
    }

    /// `InstanceMetadataOptionsResponse`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "camelCase")]
    pub struct MetadataOptions {
        state: Option<String>,
        http_tokens: Option<String>,
        http_put_response_hop_limit: Option<i32>,
        http_endpoint: Option<String>,
    }

    impl DescribeInstancesOutput {
        /// How many instances were read.
        pub fn instances(&self) -> usize {
            self.reservation_set
                .iter()
                .flat_map(|r| &r.item)
                .map(|r| r.instances_set.as_ref().map_or(0, |i| i.item.len()))
                .sum()
        }
    }
}

fn instance(rng: &mut Rng, owner: &str, out: &mut String) {
    let id = rng.hex(17);
    let (a, b) = (rng.below(256), rng.below(256));
    let (pa, pb) = (rng.below(256), rng.below(256));
    let az = *rng.pick(&["us-east-2a", "us-east-2b", "us-east-2c"]);
    let (code, state) = *rng.pick(&[
        (16, "running"),
        (16, "running"),
        (80, "stopped"),
        (0, "pending"),
    ]);
    let itype = *rng.pick(&["t3.micro", "m5.large", "c6g.xlarge", "r6i.2xlarge"]);
    let subnet = rng.hex(17);
    let vpc = rng.hex(8);
    let sg = rng.hex(17);
    let eni = rng.hex(17);
    let launch = format!(
        "2024-{:02}-{:02}T{:02}:{:02}:{:02}.000Z",
        1 + rng.below(12),
        1 + rng.below(28),
        rng.below(24),
        rng.below(60),
        rng.below(60)
    );
    let _ = write!(
        out,
        "<item><instanceId>i-{id}</instanceId><imageId>ami-0{}</imageId>\
<instanceState><code>{code}</code><name>{state}</name></instanceState>\
<privateDnsName>ip-10-0-{pa}-{pb}.us-east-2.compute.internal</privateDnsName>\
<dnsName>ec2-3-{a}-{b}-7.us-east-2.compute.amazonaws.com</dnsName><reason/>\
<keyName>deploy-key-{}</keyName><amiLaunchIndex>0</amiLaunchIndex><productCodes/>\
<instanceType>{itype}</instanceType><launchTime>{launch}</launchTime>\
<placement><availabilityZone>{az}</availabilityZone><groupName/><tenancy>default</tenancy></placement>\
<monitoring><state>disabled</state></monitoring><subnetId>subnet-{subnet}</subnetId><vpcId>vpc-{vpc}</vpcId>\
<privateIpAddress>10.0.{pa}.{pb}</privateIpAddress><ipAddress>3.{a}.{b}.7</ipAddress>\
<sourceDestCheck>true</sourceDestCheck>\
<groupSet><item><groupId>sg-{sg}</groupId><groupName>web &amp; api</groupName></item></groupSet>\
<architecture>x86_64</architecture><rootDeviceType>ebs</rootDeviceType><rootDeviceName>/dev/xvda</rootDeviceName>\
<blockDeviceMapping><item><deviceName>/dev/xvda</deviceName><ebs><volumeId>vol-{}</volumeId>\
<status>attached</status><attachTime>{launch}</attachTime><deleteOnTermination>true</deleteOnTermination>\
</ebs></item></blockDeviceMapping><virtualizationType>hvm</virtualizationType>\
<clientToken>{}</clientToken>\
<tagSet><item><key>Name</key><value>web-{}</value></item><item><key>team</key><value>payments &amp; billing</value></item>\
<item><key>aws:cloudformation:stack-name</key><value>prod-web</value></item></tagSet>\
<hypervisor>xen</hypervisor>\
<networkInterfaceSet><item><networkInterfaceId>eni-{eni}</networkInterfaceId><subnetId>subnet-{subnet}</subnetId>\
<vpcId>vpc-{vpc}</vpcId><description>Primary network interface</description><ownerId>{owner}</ownerId>\
<status>in-use</status><macAddress>02:{}:{}:{}:{}:{}</macAddress><privateIpAddress>10.0.{pa}.{pb}</privateIpAddress>\
<privateDnsName>ip-10-0-{pa}-{pb}.us-east-2.compute.internal</privateDnsName><sourceDestCheck>true</sourceDestCheck>\
<groupSet><item><groupId>sg-{sg}</groupId><groupName>web &amp; api</groupName></item></groupSet>\
<attachment><attachmentId>eni-attach-{}</attachmentId><deviceIndex>0</deviceIndex><status>attached</status>\
<attachTime>{launch}</attachTime><deleteOnTermination>true</deleteOnTermination><networkCardIndex>0</networkCardIndex></attachment>\
<association><publicIp>3.{a}.{b}.7</publicIp><publicDnsName>ec2-3-{a}-{b}-7.us-east-2.compute.amazonaws.com</publicDnsName>\
<ipOwnerId>amazon</ipOwnerId></association>\
<privateIpAddressesSet><item><privateIpAddress>10.0.{pa}.{pb}</privateIpAddress>\
<privateDnsName>ip-10-0-{pa}-{pb}.us-east-2.compute.internal</privateDnsName><primary>true</primary>\
<association><publicIp>3.{a}.{b}.7</publicIp><publicDnsName>ec2-3-{a}-{b}-7.us-east-2.compute.amazonaws.com</publicDnsName>\
<ipOwnerId>amazon</ipOwnerId></association></item></privateIpAddressesSet>\
<ipv6AddressesSet/><interfaceType>interface</interfaceType></item></networkInterfaceSet>\
<ebsOptimized>false</ebsOptimized><enaSupport>true</enaSupport>\
<cpuOptions><coreCount>1</coreCount><threadsPerCore>2</threadsPerCore></cpuOptions>\
<capacityReservationSpecification><capacityReservationPreference>open</capacityReservationPreference></capacityReservationSpecification>\
<hibernationOptions><configured>false</configured></hibernationOptions>\
<metadataOptions><state>applied</state><httpTokens>required</httpTokens><httpPutResponseHopLimit>2</httpPutResponseHopLimit>\
<httpEndpoint>enabled</httpEndpoint></metadataOptions>\
<platformDetails>Linux/UNIX</platformDetails><usageOperation>RunInstances</usageOperation>\
<usageOperationUpdateTime>{launch}</usageOperationUpdateTime></item>",
        rng.hex(16),
        rng.below(10),
        rng.hex(17),
        rng.uuid(),
        rng.below(1000),
        rng.hex(2),
        rng.hex(2),
        rng.hex(2),
        rng.hex(2),
        rng.hex(2),
        rng.hex(17),
    );
}

/// A `DescribeInstances` response body with `reservations` reservations of two instances each.
pub fn describe_instances_body(reservations: usize) -> Vec<u8> {
    let mut rng = Rng::new(0xec2);
    let mut out = String::with_capacity(reservations * 6400);
    out.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
<DescribeInstancesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">\n\
    <requestId>8f7724cf-496f-496e-8fe3-example</requestId>\n    <reservationSet>\n",
    );
    for _ in 0..reservations {
        let owner = "123456789012";
        let _ = write!(
            out,
            "<item><reservationId>r-{}</reservationId><ownerId>{owner}</ownerId><groupSet/><instancesSet>",
            rng.hex(17)
        );
        for _ in 0..2 {
            instance(&mut rng, owner, &mut out);
        }
        out.push_str("</instancesSet></item>\n");
    }
    out.push_str("    </reservationSet>\n</DescribeInstancesResponse>\n");
    out.into_bytes()
}
