//! Benchmarks of awso: realistic AWS messages, generated deterministically, each modelled twice
//! with the same Rust shapes: once with `#[derive(AwsShape)]`, once with serde's derives and
//! renames (read with serde_json or quick-xml), so both read and write the same bytes.
//!
//! Every module has `awso_shapes` and `serde_shapes` and a function that builds the body.
//! Fields are private: the benchmarks only parse bodies and write back what they parsed.

#![deny(missing_docs)]

pub mod alloc;
pub mod cloudwatch;
pub mod dynamodb;
pub mod ec2;
pub mod ecs;
pub mod gamelift;
pub mod logs;
pub mod s3;
pub mod serde_with;
pub mod sqs;

/// A small deterministic generator (splitmix64), so every run benchmarks the same bytes.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// One of `items`.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// `n` random lowercase hex digits.
    pub fn hex(&mut self, n: usize) -> String {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        (0..n)
            .map(|_| DIGITS[self.below(16) as usize] as char)
            .collect()
    }

    /// A version-4 UUID.
    pub fn uuid(&mut self) -> String {
        format!(
            "{}-{}-4{}-a{}-{}",
            self.hex(8),
            self.hex(4),
            self.hex(3),
            self.hex(3),
            self.hex(12)
        )
    }

    /// `n` random bytes.
    pub fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next_u64() as u8).collect()
    }
}

/// One message of the benchmarks: its name and its bytes.
#[derive(Debug, Clone)]
pub struct Message {
    /// The file name it is written under (`gamelift-describe-player-sessions.json`).
    pub file: &'static str,
    /// The body.
    pub bytes: Vec<u8>,
}

/// Every message the benchmarks read or write, as `gen-data` writes them for botocore.
pub fn messages() -> Vec<Message> {
    vec![
        Message {
            file: "gamelift-describe-player-sessions.json",
            bytes: gamelift::describe_player_sessions_body(1000),
        },
        Message {
            file: "gamelift-create-player-session.json",
            bytes: gamelift::create_player_session_body(),
        },
        Message {
            file: "dynamodb-query.json",
            bytes: dynamodb::query_body(1000),
        },
        Message {
            file: "logs-filter-log-events.json",
            bytes: logs::filter_log_events_body(logs::EVENTS_09MB),
        },
        Message {
            file: "sqs-receive-message.json",
            bytes: sqs::receive_message_body(10),
        },
        Message {
            file: "ecs-describe-tasks.json",
            bytes: ecs::describe_tasks_body(100),
        },
        Message {
            file: "cloudwatch-get-metric-data.json",
            bytes: cloudwatch::get_metric_data_body(cloudwatch::POINTS_PER_DAY),
        },
        Message {
            file: "ec2-describe-instances.xml",
            bytes: ec2::describe_instances_body(ec2::RESERVATIONS_1MB),
        },
        Message {
            file: "s3-list-objects-v2.xml",
            bytes: s3::list_objects_v2_body(1000),
        },
        Message {
            file: "sqs-send-message-batch.json",
            bytes: sqs::send_message_batch_json(10),
        },
        Message {
            file: "sqs-send-message-batch.query",
            bytes: sqs::send_message_batch_query(10),
        },
    ]
}
