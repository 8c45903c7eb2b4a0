//! CloudWatch Logs (awsJson1_1, camelCase members): a `FilterLogEvents` output whose log lines
//! are structured JSON, so every `message` is a string of escaped JSON (`{\"level\":…}`), the
//! escape a few bytes after the opening quote.

use crate::Rng;
use std::fmt::Write as _;

/// The shapes with `#[derive(AwsShape)]`.
pub mod awso_shapes {
    use awso::AwsShape;

    /// `FilterLogEventsResponse`.
    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    #[aws(rename_all = "camelCase")]
    pub struct FilterLogEventsOutput {
        events: Option<Vec<FilteredLogEvent>>,
        searched_log_streams: Option<Vec<SearchedLogStream>>,
        next_token: Option<String>,
    }

    /// `FilteredLogEvent`.
    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    #[aws(rename_all = "camelCase")]
    pub struct FilteredLogEvent {
        log_stream_name: Option<String>,
        timestamp: Option<i64>,
        message: Option<String>,
        ingestion_time: Option<i64>,
        event_id: Option<String>,
    }

    /// `SearchedLogStream`.
    #[derive(AwsShape, Debug, Clone, PartialEq, Default)]
    #[aws(rename_all = "camelCase")]
    pub struct SearchedLogStream {
        log_stream_name: Option<String>,
        searched_completely: Option<bool>,
    }

    impl FilterLogEventsOutput {
        /// How many events were read.
        pub fn len(&self) -> usize {
            self.events.as_ref().map_or(0, Vec::len)
        }

        /// Whether no event was read.
        pub fn is_empty(&self) -> bool {
            self.len() == 0
        }
    }
}

/// The same shapes with serde's derives.
pub mod serde_shapes {
    use serde::{Deserialize, Serialize};

    /// `FilterLogEventsResponse`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "camelCase")]
    pub struct FilterLogEventsOutput {
        #[serde(skip_serializing_if = "Option::is_none")]
        events: Option<Vec<FilteredLogEvent>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        searched_log_streams: Option<Vec<SearchedLogStream>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        next_token: Option<String>,
    }

    /// `FilteredLogEvent`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "camelCase")]
    pub struct FilteredLogEvent {
        #[serde(skip_serializing_if = "Option::is_none")]
        log_stream_name: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        timestamp: Option<i64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        message: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        ingestion_time: Option<i64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        event_id: Option<String>,
    }

    /// `SearchedLogStream`.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
    #[serde(rename_all = "camelCase")]
    pub struct SearchedLogStream {
        #[serde(skip_serializing_if = "Option::is_none")]
        log_stream_name: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        searched_completely: Option<bool>,
    }

    impl FilterLogEventsOutput {
        /// How many events were read.
        pub fn len(&self) -> usize {
            self.events.as_ref().map_or(0, Vec::len)
        }

        /// Whether no event was read.
        pub fn is_empty(&self) -> bool {
            self.len() == 0
        }
    }
}

/// The number of events that makes a body of about 0.9 MB.
pub const EVENTS_09MB: usize = 1340;

const PATHS: &[&str] = &[
    "/api/v1/orders",
    "/api/v1/orders/{id}",
    "/api/v1/carts/{id}/items",
    "/healthz",
    "/api/v1/payments/{id}/capture",
];

fn log_stream(rng: &mut Rng) -> String {
    format!("ecs/checkout-api/{}", rng.hex(32))
}

/// One structured log line (a JSON object, as a logging library writes it), escaped as a JSON
/// string's content.
fn log_line(rng: &mut Rng, ts_ms: u64, out: &mut String) {
    let level = *rng.pick(&["info", "info", "info", "debug", "warn", "error"]);
    let method = *rng.pick(&["GET", "GET", "POST", "PUT", "DELETE"]);
    let path = rng
        .pick(PATHS)
        .replace("{id}", &(10_000 + rng.below(90_000)).to_string());
    let status = *rng.pick(&[200, 200, 200, 201, 204, 400, 404, 500]);
    let _ = write!(
        out,
        r#"{{\"level\":\"{level}\",\"ts\":{}.{:03},\"logger\":\"http.access\",\"msg\":\"request completed\",\"request_id\":\"{}\",\"trace_id\":\"1-{}-{}\",\"method\":\"{method}\",\"path\":\"{path}\",\"status\":{status},\"duration_ms\":{}.{:03},\"bytes\":{},\"remote_addr\":\"10.0.{}.{}\",\"user_agent\":\"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36\""#,
        ts_ms / 1000,
        ts_ms % 1000,
        rng.uuid(),
        rng.hex(8),
        rng.hex(24),
        rng.below(900),
        rng.below(1000),
        rng.below(200_000),
        rng.below(256),
        rng.below(256),
    );
    if level == "error" {
        out.push_str(r#",\"error\":\"upstream timed out\\n\\tat payments.capture (payments.go:212)\\n\\tat http.serve (server.go:88)\""#);
    }
    out.push('}');
}

/// A `FilterLogEvents` response body with `n` events from a few log streams.
pub fn filter_log_events_body(n: usize) -> Vec<u8> {
    let mut rng = Rng::new(0x10_65);
    let streams: Vec<String> = (0..6).map(|_| log_stream(&mut rng)).collect();
    let mut out = String::with_capacity(n * 400);
    out.push_str(r#"{"events":["#);
    let mut ts = 1_732_000_000_000u64;
    for i in 0..n {
        if i > 0 {
            out.push(',');
        }
        ts += rng.below(400);
        let _ = write!(
            out,
            r#"{{"logStreamName":"{}","timestamp":{ts},"message":""#,
            rng.pick(&streams),
        );
        log_line(&mut rng, ts, &mut out);
        let _ = write!(
            out,
            r#"","ingestionTime":{},"eventId":"{}{:020}"}}"#,
            ts + 200 + rng.below(800),
            rng.below(10u64.pow(16)),
            rng.next_u64() % 10u64.pow(19),
        );
    }
    out.push_str(r#"],"searchedLogStreams":["#);
    for (i, s) in streams.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(
            out,
            r#"{{"logStreamName":"{s}","searchedCompletely":{}}}"#,
            i % 2 == 0
        );
    }
    out.push_str(r#"],"nextToken":"Bxkq6kVGFtq2y_MoigeqscPOdhXVbhiVtLoAmXb5jCrI7wVE8QA6nI8jUc2vO3Ug4J_Y2Ud6ZE9Cw4bFqtKzGg4"}"#);
    out.into_bytes()
}
