//! Waiting on both clients: [`blocking::Client::wait`](crate::blocking::Client::wait) and
//! [`Client::wait`](crate::Client::wait) poll a waiter's operation (declared with
//! `awso::waiter!`) until an acceptor ends the wait, the waiter's `max_attempts` are spent, or
//! `max_wait` has passed, with the SDKs' backoff between attempts
//! ([`awso_runtime::waiter::delay`]).

use awso_runtime::operation::{Operation, OperationError};
use awso_runtime::waiter::{first_match, Acceptor, State, Waiter};
use std::fmt;
use std::time::Duration;

type Response<W> = Result<
    <<W as Waiter>::Operation as Operation>::Output,
    OperationError<<<W as Waiter>::Operation as Operation>::Error>,
>;

/// A response of the polled operation with its metadata.
type WithMetadata<W> = Result<
    (
        <<W as Waiter>::Operation as Operation>::Output,
        crate::ResponseMetadata,
    ),
    OperationError<<<W as Waiter>::Operation as Operation>::Error>,
>;

/// How a wait ended on an acceptor: which one, after how many attempts, and the response
/// it matched.
pub struct Waited<W: Waiter> {
    /// The index of the acceptor in the waiter's declaration.
    pub index: usize,
    /// The acceptor.
    pub acceptor: Acceptor,
    /// The attempts made.
    pub attempts: u32,
    /// The last response (an output, or the error an acceptor matched).
    pub last: Response<W>,
}

impl<W: Waiter> fmt::Debug for Waited<W>
where
    <W::Operation as Operation>::Output: fmt::Debug,
    <W::Operation as Operation>::Error: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Waited")
            .field("waiter", &W::NAME)
            .field("index", &self.index)
            .field("acceptor", &self.acceptor)
            .field("attempts", &self.attempts)
            .field("last", &self.last)
            .finish()
    }
}

/// Why a wait did not succeed.
#[non_exhaustive]
pub enum WaitError<W: Waiter> {
    /// A failure acceptor matched: what was waited for will not happen.
    Failure(Waited<W>),
    /// `max_wait` passed, or the waiter's `max_attempts` were spent, with no success.
    TimedOut {
        /// The attempts made.
        attempts: u32,
        /// The last response.
        last: Option<Response<W>>,
    },
    /// The operation failed in a way no acceptor expects.
    Operation(OperationError<<W::Operation as Operation>::Error>),
    /// The waiter's declaration is wrong (an expression outside the JMESPath subset, or a
    /// path into a member the output does not have).
    Declaration(awso_runtime::Error),
}

impl<W: Waiter> fmt::Display for WaitError<W> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WaitError::Failure(w) => write!(
                f,
                "{}: failure acceptor {} ({:?} {:?} {}) matched after {} attempt(s)",
                W::NAME,
                w.index,
                w.acceptor.matcher,
                w.acceptor.argument,
                w.acceptor.expected,
                w.attempts
            ),
            WaitError::TimedOut { attempts, .. } => {
                write!(f, "{}: no success after {attempts} attempt(s)", W::NAME)
            }
            WaitError::Operation(e) => write!(
                f,
                "{}: {} failed: {e}",
                W::NAME,
                <W::Operation as Operation>::NAME
            ),
            WaitError::Declaration(e) => write!(f, "{}: {e}", W::NAME),
        }
    }
}

impl<W: Waiter> fmt::Debug for WaitError<W> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl<W: Waiter> std::error::Error for WaitError<W> {}

/// What to do after an attempt.
pub(crate) enum Next<W: Waiter> {
    Done(Result<Waited<W>, WaitError<W>>),
    Again(Response<W>),
}

/// Applies the acceptors to one response.
pub(crate) fn judge<W: Waiter>(attempts: u32, response: WithMetadata<W>) -> Next<W> {
    let (polled, last) = match response {
        Ok((output, meta)) => (Some(meta.status), Ok(output)),
        Err(e) => (None, Err(e)),
    };
    let view = match (&last, polled) {
        (Ok(o), Some(status)) => Ok((o, status)),
        (Err(e), _) => Err(e),
        _ => unreachable!(),
    };
    let matched = match first_match::<W>(view) {
        Ok(m) => m,
        Err(e) => return Next::Done(Err(WaitError::Declaration(e))),
    };
    match matched {
        Some((index, acceptor)) if acceptor.state != State::Retry => {
            let waited = Waited {
                index,
                acceptor,
                attempts,
                last,
            };
            Next::Done(if acceptor.state == State::Success {
                Ok(waited)
            } else {
                Err(WaitError::Failure(waited))
            })
        }
        Some(_) => Next::Again(last),
        // An error no acceptor expects ends the wait (as the SDKs).
        None => match last {
            Err(e) => Next::Done(Err(WaitError::Operation(e))),
            ok => Next::Again(ok),
        },
    }
}

/// The delay before the next attempt, or `None` when the wait is over.
pub(crate) fn next_delay<W: Waiter>(
    attempts: u32,
    remaining: Duration,
    min_delay: Option<Duration>,
) -> Option<Duration> {
    let c = W::CONFIG;
    if attempts >= c.max_attempts {
        return None;
    }
    let min = min_delay.unwrap_or(Duration::from_secs(c.delay));
    let max = Duration::from_secs(c.max_delay).max(min);
    awso_runtime::waiter::delay(attempts, min, max, remaining, fastrand::f64())
}
