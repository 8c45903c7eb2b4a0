//! Retries as the AWS SDKs' *standard* retry mode does them.
//!
//! A call is retried when it failed in a way that may pass on a second try:
//! - throttling: the error codes of [`THROTTLING_CODES`] (`ThrottlingException`, `SlowDown`,
//!   `ProvisionedThroughputExceededException`, ...);
//! - transient: the codes of [`TRANSIENT_CODES`], an HTTP status of 500, 502, 503 or 504
//!   (also when the body cannot be read, as a load balancer's HTML page cannot), and a
//!   connection that was refused, reset or timed out.
//!
//! Attempt `i` (0-based) is followed by a sleep of `rand(0, 1) * min(initial_backoff * 2^i,
//! max_backoff)` (full jitter, 1 s and 20 s by default), at most `max_attempts` attempts in all
//! (3 by default; `AWS_MAX_ATTEMPTS` or `max_attempts` in the profile), and every retry spends
//! tokens of a quota shared by a client and its clones (500 tokens; 5 a retry, 10 after a
//! timeout; a success gives back what its retries took, or 1), so an outage does not turn into
//! a retry storm.
//!
//! [`RetryState`] is the whole policy as a state machine without I/O: a client tells it how
//! each attempt ended and it answers whether to try again, after how long, and whether to
//! correct the signing clock first (a clock-skew error whose response `Date` is far from the
//! local clock, as the SDKs correct it). The async and the blocking clients share it; they
//! only send and sleep.

use crate::profile::{setting, Env, ProfileSet};
use awso_runtime::operation::OperationError;
use awso_runtime::{AwsError, Error, ErrorKind};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Error codes AWS uses for throttling.
pub const THROTTLING_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];

/// Error codes of failures that may pass when tried again.
pub const TRANSIENT_CODES: &[&str] = &[
    "RequestTimeout",
    "RequestTimeoutException",
    "PriorRequestNotComplete",
    "InternalError",
];

/// Error codes of a request signed with a clock too far from the service's: retried once
/// the signing clock is corrected from the response's `Date`.
pub const CLOCK_SKEW_CODES: &[&str] = &[
    "RequestTimeTooSkewed",
    "RequestExpired",
    "RequestInTheFuture",
    "InvalidSignatureException",
    "SignatureDoesNotMatch",
    "AuthFailure",
];

/// The difference between the server's `Date` and the local clock beyond which a clock-skew
/// error corrects the signing clock (SigV4 accepts 5 minutes; the SDKs correct at 4).
pub const CLOCK_SKEW_THRESHOLD: Duration = Duration::from_secs(4 * 60);

/// HTTP statuses that are retried whatever the error code.
pub const TRANSIENT_STATUSES: &[u16] = &[500, 502, 503, 504];

/// How many times and how patiently a client retries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryConfig {
    /// Attempts in all, the first included; 1 disables retries.
    pub max_attempts: u32,
    /// The backoff ceiling of the first retry; doubles with every retry.
    pub initial_backoff: Duration,
    /// The largest backoff.
    pub max_backoff: Duration,
}

impl Default for RetryConfig {
    fn default() -> Self {
        RetryConfig {
            max_attempts: 3,
            initial_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(20),
        }
    }
}

impl RetryConfig {
    /// One attempt, no retries.
    pub fn disabled() -> Self {
        RetryConfig {
            max_attempts: 1,
            ..RetryConfig::default()
        }
    }

    /// The standard configuration with `max_attempts` from `AWS_MAX_ATTEMPTS`, else the
    /// profile's `max_attempts`. `AWS_RETRY_MODE`/`retry_mode` may be `standard`, `legacy`
    /// or `adaptive`; all three get standard retries (awso has no client-side rate limiter).
    pub fn from_env(env: &impl Env, profiles: &ProfileSet) -> awso_runtime::Result<Self> {
        let setting = |var: &str, key: &str| setting(env, profiles, var, key);
        if let Some(mode) = setting("AWS_RETRY_MODE", "retry_mode") {
            if !matches!(mode.as_str(), "standard" | "legacy" | "adaptive") {
                return Err(Error::message(format!(
                    "retry mode `{mode}` is not one of standard, legacy, adaptive"
                )));
            }
        }
        let mut config = RetryConfig::default();
        if let Some(n) = setting("AWS_MAX_ATTEMPTS", "max_attempts") {
            config.max_attempts = match n.trim().parse::<u32>() {
                Ok(n) if n >= 1 => n,
                _ => {
                    return Err(Error::message(format!(
                        "max_attempts must be a whole number of at least 1, not `{n}`"
                    )))
                }
            };
        }
        Ok(config)
    }

    /// The sleep after failed attempt `attempt` (0-based), for a jitter in `[0, 1)`.
    pub fn backoff(&self, attempt: u32, jitter: f64) -> Duration {
        let ceiling = self
            .initial_backoff
            .saturating_mul(1u32.checked_shl(attempt).unwrap_or(u32::MAX))
            .min(self.max_backoff);
        ceiling.mul_f64(jitter.clamp(0.0, 1.0))
    }
}

/// Why a failed call may be retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryKind {
    /// The service is throttling the caller.
    Throttling,
    /// A server-side or transient failure (5xx, `RequestTimeout`, ...).
    Transient,
    /// The connection timed out.
    Timeout,
}

/// Whether `error` is worth another attempt, and why.
pub fn classify<E: AwsError>(error: &OperationError<E>) -> Option<RetryKind> {
    match error {
        OperationError::Service { error, status, .. } => {
            let code = error.code();
            if THROTTLING_CODES.contains(&code) {
                Some(RetryKind::Throttling)
            } else if TRANSIENT_CODES.contains(&code) || TRANSIENT_STATUSES.contains(status) {
                Some(RetryKind::Transient)
            } else {
                None
            }
        }
        OperationError::Response { status, .. } => TRANSIENT_STATUSES
            .contains(status)
            .then_some(RetryKind::Transient),
        OperationError::Dispatch(e) => io_retry_kind(e),
        OperationError::Timeout(_) => Some(RetryKind::Timeout),
        _ => None,
    }
}

fn io_retry_kind(error: &Error) -> Option<RetryKind> {
    use std::io::ErrorKind as Io;
    match error.kind() {
        ErrorKind::Io { kind, .. } => match kind {
            Io::TimedOut | Io::WouldBlock => Some(RetryKind::Timeout),
            Io::ConnectionRefused
            | Io::ConnectionReset
            | Io::ConnectionAborted
            | Io::NotConnected
            | Io::BrokenPipe
            | Io::UnexpectedEof
            | Io::Interrupted => Some(RetryKind::Transient),
            _ => None,
        },
        _ => None,
    }
}

/// The clock correction a clock-skew error calls for: the server's `Date` minus the local
/// time, in milliseconds, when the error code is one of [`CLOCK_SKEW_CODES`] and the two are
/// more than [`CLOCK_SKEW_THRESHOLD`] apart.
pub fn clock_skew<E: AwsError>(
    error: &OperationError<E>,
    local_now: std::time::SystemTime,
) -> Option<i64> {
    let OperationError::Service { error, raw, .. } = error else {
        return None;
    };
    if !CLOCK_SKEW_CODES.contains(&error.code()) {
        return None;
    }
    let date = raw.headers.get("date")?.to_str().ok()?;
    let server = awso_runtime::Timestamp::parse_http_date(date.trim()).ok()?;
    let local = awso_runtime::Timestamp::from(local_now);
    let skew = (server.secs() - local.secs()).saturating_mul(1000);
    (skew.unsigned_abs() > CLOCK_SKEW_THRESHOLD.as_millis() as u64).then_some(skew)
}

/// What a client does after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Sleep `after`, move the signing clock by `clock_offset` milliseconds if set, and send
    /// the request again.
    Retry {
        /// The backoff.
        after: Duration,
        /// The new offset of the signing clock from the local clock, in milliseconds.
        clock_offset: Option<i64>,
    },
    /// Return the error to the caller.
    GiveUp,
}

/// The retry policy of one call, as a state machine without I/O.
///
/// ```
/// use awso_client::retry::{Decision, RetryConfig, RetryQuota, RetryState};
/// let mut state = RetryState::new(RetryConfig::default(), RetryQuota::default());
/// assert_eq!(state.attempt(), 1);
/// // ... send attempt `state.attempt()`; on failure ask `state.failed(&error, now, jitter)`.
/// # let _ = Decision::GiveUp;
/// ```
#[derive(Debug)]
pub struct RetryState {
    config: RetryConfig,
    quota: RetryQuota,
    /// Attempts that ended.
    done: u32,
    /// The tokens the last retry took.
    spent: Option<u32>,
    /// Whether the clock was already corrected in this call (once is enough).
    corrected: bool,
}

impl RetryState {
    /// The state before the first attempt.
    pub fn new(config: RetryConfig, quota: RetryQuota) -> Self {
        RetryState {
            config,
            quota,
            done: 0,
            spent: None,
            corrected: false,
        }
    }

    /// The number of the attempt about to be sent (1-based), as in `amz-sdk-request`.
    pub fn attempt(&self) -> u32 {
        self.done + 1
    }

    /// The most attempts this call makes.
    pub fn max_attempts(&self) -> u32 {
        self.config.max_attempts.max(1)
    }

    /// The attempt succeeded: tokens go back to the quota.
    pub fn succeeded(&mut self) {
        self.done += 1;
        self.quota.release(self.spent.take());
    }

    /// The attempt failed with `error` at local time `now`; `jitter` in `[0, 1)` spreads the
    /// backoff.
    pub fn failed<E: AwsError>(
        &mut self,
        error: &OperationError<E>,
        now: std::time::SystemTime,
        jitter: f64,
    ) -> Decision {
        self.done += 1;
        let skew = if self.corrected {
            None
        } else {
            clock_skew(error, now)
        };
        let kind = match (skew, classify(error)) {
            (Some(_), _) => RetryKind::Transient,
            (None, Some(kind)) => kind,
            (None, None) => return Decision::GiveUp,
        };
        if self.done >= self.max_attempts() {
            return Decision::GiveUp;
        }
        let Some(cost) = self.quota.acquire(kind) else {
            return Decision::GiveUp;
        };
        self.spent = Some(cost);
        if skew.is_some() {
            self.corrected = true;
            // The request was refused for its clock, not for load: no need to wait.
            return Decision::Retry {
                after: Duration::ZERO,
                clock_offset: skew,
            };
        }
        Decision::Retry {
            after: self.config.backoff(self.done - 1, jitter),
            clock_offset: None,
        }
    }
}

const QUOTA: u32 = 500;
const RETRY_COST: u32 = 5;
const TIMEOUT_COST: u32 = 10;
const NO_RETRY_REFUND: u32 = 1;

/// The retry tokens a client and its clones share.
#[derive(Debug, Clone)]
pub struct RetryQuota(Arc<Mutex<u32>>);

impl Default for RetryQuota {
    fn default() -> Self {
        RetryQuota(Arc::new(Mutex::new(QUOTA)))
    }
}

impl RetryQuota {
    /// Takes the tokens for a retry after `kind`; `None` when the quota is spent.
    fn acquire(&self, kind: RetryKind) -> Option<u32> {
        let cost = if kind == RetryKind::Timeout {
            TIMEOUT_COST
        } else {
            RETRY_COST
        };
        let mut tokens = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let left = tokens.checked_sub(cost)?;
        *tokens = left;
        Some(cost)
    }

    /// Gives back `spent` tokens after a success (1 when the call needed no retry).
    fn release(&self, spent: Option<u32>) {
        let mut tokens = self.0.lock().unwrap_or_else(|p| p.into_inner());
        *tokens = (*tokens + spent.unwrap_or(NO_RETRY_REFUND)).min(QUOTA);
    }

    #[cfg(test)]
    pub(crate) fn available(&self) -> u32 {
        *self.0.lock().unwrap()
    }
}

/// A jitter in `[0, 1)`: a splitmix64 step over a process-wide counter seeded from the
/// clock. Backoff jitter needs spread, not unpredictability.
pub(crate) fn jitter() -> f64 {
    fastrand::f64()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn backoff_doubles_up_to_the_ceiling_with_full_jitter() {
        let c = RetryConfig::default();
        assert_eq!(c.backoff(0, 1.0), Duration::from_secs(1));
        assert_eq!(c.backoff(1, 1.0), Duration::from_secs(2));
        assert_eq!(c.backoff(3, 0.5), Duration::from_secs(4));
        assert_eq!(c.backoff(5, 1.0), Duration::from_secs(20));
        assert_eq!(c.backoff(200, 1.0), Duration::from_secs(20));
        assert_eq!(c.backoff(2, 0.0), Duration::ZERO);
        for _ in 0..1000 {
            let j = jitter();
            assert!((0.0..1.0).contains(&j), "{j}");
        }
    }

    #[test]
    fn settings_come_from_the_environment_then_the_profile() {
        let profiles = ProfileSet::parse(Some("[default]\nmax_attempts = 5\n"), None);
        let none: BTreeMap<&str, &str> = BTreeMap::new();
        assert_eq!(
            RetryConfig::from_env(&none, &profiles)
                .unwrap()
                .max_attempts,
            5
        );
        let env = BTreeMap::from([("AWS_MAX_ATTEMPTS", "1")]);
        assert_eq!(
            RetryConfig::from_env(&env, &profiles).unwrap(),
            RetryConfig::disabled()
        );
        for bad in [("AWS_MAX_ATTEMPTS", "0"), ("AWS_MAX_ATTEMPTS", "many")] {
            let env = BTreeMap::from([bad]);
            assert!(RetryConfig::from_env(&env, &ProfileSet::default()).is_err());
        }
        let env = BTreeMap::from([("AWS_RETRY_MODE", "sometimes")]);
        let err = RetryConfig::from_env(&env, &ProfileSet::default()).unwrap_err();
        assert!(err.to_string().contains("sometimes"), "{err}");
        let env = BTreeMap::from([("AWS_RETRY_MODE", "adaptive")]);
        assert_eq!(
            RetryConfig::from_env(&env, &ProfileSet::default()).unwrap(),
            RetryConfig::default()
        );
    }

    #[test]
    fn the_quota_runs_out_and_successes_refill_it() {
        let q = RetryQuota::default();
        let mut spent = 0;
        while q.acquire(RetryKind::Throttling).is_some() {
            spent += 1;
        }
        assert_eq!(spent, 100);
        assert_eq!(q.acquire(RetryKind::Timeout), None);
        q.release(Some(10));
        assert_eq!(q.acquire(RetryKind::Timeout), Some(10));
        q.release(None);
        assert_eq!(q.available(), 1);
        let q = RetryQuota::default();
        q.release(None);
        assert_eq!(q.available(), QUOTA);
    }

    /// An error code as a service sends it, for the state machine alone.
    #[derive(Debug)]
    struct Code(&'static str);

    impl std::fmt::Display for Code {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.0)
        }
    }

    impl std::error::Error for Code {}

    impl AwsError for Code {
        fn error_deserialize<D: awso_runtime::__private::de::Deserializer>(
            _: &str,
            _: &mut D,
        ) -> awso_runtime::Result<Self> {
            unreachable!("the state machine reads no bodies")
        }
        fn code(&self) -> &str {
            self.0
        }
        fn message(&self) -> Option<&str> {
            None
        }
        fn error_info(&self) -> Option<&'static awso_runtime::ErrorInfo> {
            None
        }
        fn error_to_json(&self) -> awso_runtime::serde_json::Value {
            awso_runtime::serde_json::Value::Null
        }
    }

    fn service(code: &'static str, status: u16, date: Option<SystemTime>) -> OperationError<Code> {
        let mut headers = http::HeaderMap::new();
        if let Some(date) = date {
            let text =
                awso_runtime::Timestamp::from(date).fmt(awso_runtime::TimestampFormat::HttpDate);
            headers.insert("date", text.parse().unwrap());
        }
        OperationError::Service {
            error: Code(code),
            status,
            request_id: None,
            raw: Box::new(awso_runtime::operation::RawResponse {
                status,
                headers,
                body: Vec::new(),
            }),
        }
    }

    fn io(kind: std::io::ErrorKind) -> OperationError<Code> {
        OperationError::Dispatch(Error::io("send", &std::io::Error::from(kind)))
    }

    fn retry_after(decision: Decision) -> Duration {
        match decision {
            Decision::Retry {
                after,
                clock_offset: None,
            } => after,
            other => panic!("expected a retry without clock correction, got {other:?}"),
        }
    }

    use std::time::SystemTime;

    fn state(max_attempts: u32, quota: &RetryQuota) -> RetryState {
        RetryState::new(
            RetryConfig {
                max_attempts,
                ..RetryConfig::default()
            },
            quota.clone(),
        )
    }

    #[test]
    fn throttling_and_transient_errors_back_off_exponentially_until_the_last_attempt() {
        let now = SystemTime::now();
        let quota = RetryQuota::default();
        let mut s = state(4, &quota);
        assert_eq!((s.attempt(), s.max_attempts()), (1, 4));
        // Full jitter at 1.0: the ceiling itself, 1 s then 2 s then 4 s.
        let d = s.failed(&service("ThrottlingException", 400, None), now, 1.0);
        assert_eq!(retry_after(d), Duration::from_secs(1));
        assert_eq!((s.attempt(), quota.available()), (2, QUOTA - RETRY_COST));
        let d = s.failed(&service("Whatever", 503, None), now, 1.0);
        assert_eq!(retry_after(d), Duration::from_secs(2));
        let d = s.failed(&service("InternalError", 400, None), now, 0.5);
        assert_eq!(retry_after(d), Duration::from_secs(2));
        assert_eq!(s.attempt(), 4);
        // The fourth attempt is the last: a retryable error now reaches the caller.
        let d = s.failed(&service("SlowDown", 503, None), now, 1.0);
        assert_eq!(d, Decision::GiveUp);
        assert_eq!(quota.available(), QUOTA - 3 * RETRY_COST);
    }

    #[test]
    fn other_errors_are_given_up_at_once_and_cost_nothing() {
        let now = SystemTime::now();
        let quota = RetryQuota::default();
        for error in [
            service("ValidationException", 400, None),
            service("AccessDenied", 403, None),
            io(std::io::ErrorKind::InvalidData),
            OperationError::Construction(Error::message("bad endpoint")),
        ] {
            let mut s = state(3, &quota);
            assert_eq!(s.failed(&error, now, 1.0), Decision::GiveUp, "{error}");
        }
        assert_eq!(quota.available(), QUOTA);
    }

    #[test]
    fn timeouts_cost_more_of_the_quota_and_a_success_refunds_the_last_retry() {
        let now = SystemTime::now();
        let quota = RetryQuota::default();
        let mut s = state(3, &quota);
        let timeout = OperationError::<Code>::Timeout(Error::io(
            "attempt",
            &std::io::Error::from(std::io::ErrorKind::TimedOut),
        ));
        retry_after(s.failed(&timeout, now, 0.0));
        assert_eq!(quota.available(), QUOTA - TIMEOUT_COST);
        retry_after(s.failed(&io(std::io::ErrorKind::TimedOut), now, 0.0));
        assert_eq!(quota.available(), QUOTA - 2 * TIMEOUT_COST);
        s.succeeded();
        assert_eq!(quota.available(), QUOTA - TIMEOUT_COST);
        // A refused or reset connection is transient: the ordinary price.
        let mut s = state(3, &quota);
        retry_after(s.failed(&io(std::io::ErrorKind::ConnectionReset), now, 0.0));
        assert_eq!(quota.available(), QUOTA - TIMEOUT_COST - RETRY_COST);
    }

    #[test]
    fn a_spent_quota_stops_retries_shared_by_every_call() {
        let now = SystemTime::now();
        let quota = RetryQuota::default();
        let throttled = service("Throttling", 400, None);
        let mut calls = 0;
        loop {
            let mut s = state(2, &quota);
            match s.failed(&throttled, now, 0.0) {
                Decision::Retry { .. } => calls += 1,
                Decision::GiveUp => break,
            }
        }
        assert_eq!(calls, QUOTA / RETRY_COST);
        // Another call on the same quota: no retry until successes refill it.
        let mut s = state(3, &quota);
        assert_eq!(s.failed(&throttled, now, 0.0), Decision::GiveUp);
        let mut ok = state(3, &quota);
        ok.succeeded();
        ok = state(3, &quota);
        ok.succeeded();
        assert_eq!(quota.available(), 2);
        // Two tokens are not the five a retry costs.
        let mut s = state(3, &quota);
        assert_eq!(s.failed(&throttled, now, 0.0), Decision::GiveUp);
    }

    #[test]
    fn clock_skew_is_corrected_once_without_backoff() {
        let now = SystemTime::now();
        let hour = Duration::from_secs(3600);
        let quota = RetryQuota::default();
        let mut s = state(3, &quota);
        // The server is an hour ahead of the clock the request was signed with.
        let skewed = service("RequestTimeTooSkewed", 403, Some(now + hour));
        match s.failed(&skewed, now, 1.0) {
            Decision::Retry {
                after,
                clock_offset: Some(offset),
            } => {
                assert_eq!(after, Duration::ZERO);
                assert!((offset - 3_600_000).abs() <= 1000, "{offset}");
            }
            other => panic!("expected a corrected retry, got {other:?}"),
        }
        assert_eq!(quota.available(), QUOTA - RETRY_COST);
        // Corrected once: the same error again is not a clock problem (a wrong key, a
        // server whose clock is off) and, not retryable otherwise, goes to the caller.
        assert_eq!(s.failed(&skewed, now, 1.0), Decision::GiveUp);

        // Behind, and under every code AWS uses for it.
        for code in CLOCK_SKEW_CODES {
            let mut s = state(3, &quota);
            let error = service(code, 400, Some(now - hour));
            match s.failed(&error, now, 1.0) {
                Decision::Retry {
                    clock_offset: Some(offset),
                    ..
                } => assert!((offset + 3_600_000).abs() <= 1000, "{code}: {offset}"),
                other => panic!("{code}: expected a corrected retry, got {other:?}"),
            }
        }
    }

    #[test]
    fn skew_errors_within_the_threshold_or_without_a_date_are_not_clock_problems() {
        let now = SystemTime::now();
        let quota = RetryQuota::default();
        let near = CLOCK_SKEW_THRESHOLD - Duration::from_secs(10);
        for error in [
            service("SignatureDoesNotMatch", 403, Some(now + near)),
            service("SignatureDoesNotMatch", 403, None),
            // A far date on an error that is not about the clock changes nothing.
            service("AccessDenied", 403, Some(now + Duration::from_secs(3600))),
        ] {
            let mut s = state(3, &quota);
            assert_eq!(s.failed(&error, now, 1.0), Decision::GiveUp, "{error}");
        }
        // A skew error on the last attempt is not retried: max_attempts bounds everything.
        let mut s = state(1, &quota);
        let far = service("RequestExpired", 400, Some(now + Duration::from_secs(3600)));
        assert_eq!(s.failed(&far, now, 1.0), Decision::GiveUp);
        assert_eq!(quota.available(), QUOTA);
    }

    #[test]
    fn io_failures_are_classified_by_kind() {
        use std::io;
        let kind = |k| io_retry_kind(&Error::io("t", &io::Error::from(k)));
        assert_eq!(kind(io::ErrorKind::TimedOut), Some(RetryKind::Timeout));
        assert_eq!(
            kind(io::ErrorKind::ConnectionRefused),
            Some(RetryKind::Transient)
        );
        assert_eq!(kind(io::ErrorKind::InvalidData), None);
        assert_eq!(io_retry_kind(&Error::message("bad endpoint")), None);
    }
}
