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
