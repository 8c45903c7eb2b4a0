//! CloudWatch (awsJson1_0, and rpcv2Cbor as CloudWatch also speaks): a `GetMetricData`
//! output, number-heavy: a day of one-minute points for a few metrics, each point an
//! epoch-second timestamp and a double written with all its digits.

use crate::Rng;
use std::fmt::Write as _;

/// The shapes with `#[derive(AwsShape)]`.
pub mod awso_shapes {
    use awso::{AwsShape, Timestamp};

    /// `GetMetricDataOutput`.
    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    pub struct GetMetricDataOutput {
        metric_data_results: Option<Vec<MetricDataResult>>,
        next_token: Option<String>,
        messages: Option<Vec<MessageData>>,
    }

    /// `MetricDataResult`.
    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    pub struct MetricDataResult {
        id: Option<String>,
        label: Option<String>,
        timestamps: Option<Vec<Timestamp>>,
        values: Option<Vec<f64>>,
        status_code: Option<StatusCode>,
        messages: Option<Vec<MessageData>>,
    }

    /// `StatusCode`.
    #[derive(AwsShape, Debug, Clone, PartialEq)]
    pub enum StatusCode {
        /// `Complete`
        Complete,
        /// `InternalError`
        InternalError,
        /// `PartialData`
        PartialData,
        /// `Forbidden`
        Forbidden,
        /// Any other value.
        #[aws(unknown)]
        Unknown(String),
    }

    /// `MessageData`.
    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    pub struct MessageData {
        code: Option<String>,
        value: Option<String>,
    }

    impl GetMetricDataOutput {
        /// How many points were read.
        pub fn len(&self) -> usize {
            self.metric_data_results
                .iter()
                .flatten()
                .map(|r| r.values.as_ref().map_or(0, Vec::len))
                .sum()
        }

        /// Whether no point was read.
        pub fn is_empty(&self) -> bool {
            self.len() == 0
        }
    }
}

/// The same shapes with serde's derives.
pub mod serde_shapes {
    use awso::Timestamp;
    use serde::{Deserialize, Serialize};

    /// `GetMetricDataOutput`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "PascalCase")]
    pub struct GetMetricDataOutput {
        #[serde(skip_serializing_if = "Option::is_none")]
        metric_data_results: Option<Vec<MetricDataResult>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        next_token: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        messages: Option<Vec<MessageData>>,
    }

    /// `MetricDataResult`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "PascalCase")]
    pub struct MetricDataResult {
        #[serde(skip_serializing_if = "Option::is_none")]
        id: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        label: Option<String>,
        #[serde(
            default,
            with = "crate::serde_with::epoch_list_opt",
            skip_serializing_if = "Option::is_none"
        )]
        timestamps: Option<Vec<Timestamp>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        values: Option<Vec<f64>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        status_code: Option<StatusCode>,
        #[serde(skip_serializing_if = "Option::is_none")]
        messages: Option<Vec<MessageData>>,
    }

    /// `StatusCode` (serde keeps no text for unknown values: `#[serde(other)]`).
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
    pub enum StatusCode {
        /// `Complete`
        Complete,
        /// `InternalError`
        InternalError,
        /// `PartialData`
        PartialData,
        /// `Forbidden`
        Forbidden,
        /// Any other value.
        #[serde(other)]
        Unknown,
    }

    /// `MessageData`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "PascalCase")]
    pub struct MessageData {
        #[serde(skip_serializing_if = "Option::is_none")]
        code: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        value: Option<String>,
    }

    impl GetMetricDataOutput {
        /// How many points were read.
        pub fn len(&self) -> usize {
            self.metric_data_results
                .iter()
                .flatten()
                .map(|r| r.values.as_ref().map_or(0, Vec::len))
                .sum()
        }

        /// Whether no point was read.
        pub fn is_empty(&self) -> bool {
            self.len() == 0
        }
    }
}

/// One-minute points in a day.
pub const POINTS_PER_DAY: usize = 1440;

const METRICS: &[(&str, &str, f64)] = &[
    ("cpu", "CPUUtilization", 100.0),
    ("mem", "MemoryUtilization", 100.0),
    ("rx", "NetworkIn", 5.0e7),
    ("tx", "NetworkOut", 2.0e7),
    ("lat", "TargetResponseTime", 0.8),
    ("req", "RequestCount", 12_000.0),
];

/// A `GetMetricData` response body (JSON) with `points` one-minute points for each of six
/// metrics, newest first as CloudWatch returns them.
pub fn get_metric_data_body(points: usize) -> Vec<u8> {
    let mut rng = Rng::new(0xc10d);
    let end = 1_732_060_800u64;
    let mut out = String::with_capacity(points * METRICS.len() * 32);
    out.push_str(r#"{"MetricDataResults":["#);
    for (m, (id, label, scale)) in METRICS.iter().enumerate() {
        if m > 0 {
            out.push(',');
        }
        let _ = write!(out, r#"{{"Id":"{id}","Label":"{label}","Timestamps":["#);
        for i in 0..points {
            if i > 0 {
                out.push(',');
            }
            let _ = write!(out, "{}", end - 60 * i as u64);
        }
        out.push_str(r#"],"Values":["#);
        for i in 0..points {
            if i > 0 {
                out.push(',');
            }
            // Averages of samples: most have all 17 significant digits.
            let v = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * scale;
            let v = if *id == "req" { v.round() } else { v };
            let _ = write!(out, "{v:?}");
        }
        out.push_str(r#"],"StatusCode":"Complete","Messages":[]}"#);
    }
    out.push_str(r#"],"Messages":[]}"#);
    out.into_bytes()
}
