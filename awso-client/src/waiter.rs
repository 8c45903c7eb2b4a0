//! Waiting on both clients: [`blocking::Client::wait`](crate::blocking::Client::wait) and
//! [`Client::wait`](crate::Client::wait) poll a waiter's operation (declared with
//! `awso::waiter!`) until an acceptor ends the wait, the waiter's `max_attempts` are spent, or
//! `max_wait` has passed, with the SDKs' backoff between attempts
//! ([`awso_runtime::waiter::delay`]) from the waiter's `delay` up to its `max_delay`.
//! `client.waiter::<W>()` gives a [`WaitBuilder`] that overrides those three first.
//!
//! ```ignore
//! let waited = client.wait::<TableExists>(&input, Duration::from_secs(300))?;
//! println!("acceptor {} matched after {} attempts", waited.index, waited.attempts);
//! // Polling a local emulator faster than the model's 20 s:
//! client.waiter::<TableExists>().min_delay(Duration::from_millis(200)).wait(&input, max_wait)?;
//! ```

use awso_runtime::operation::{Operation, OperationError};
use awso_runtime::waiter::{first_match, Acceptor, State, Waiter};
use std::fmt;
use std::marker::PhantomData;
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
            // The error names the waiter already.
            WaitError::Declaration(e) => write!(f, "{e}"),
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
        Err(e) => {
            let e = awso_runtime::Error::invalid(format!("waiter {}: {e}", W::NAME));
            return Next::Done(Err(WaitError::Declaration(e)));
        }
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

/// How a wait polls: the waiter's declaration with the overrides of a [`WaitBuilder`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Polling {
    min_delay: Duration,
    max_delay: Duration,
    max_attempts: u32,
}

impl Polling {
    /// As waiter `W` declares it.
    pub(crate) fn of<W: Waiter>() -> Polling {
        let c = W::CONFIG;
        Polling {
            min_delay: Duration::from_secs(c.delay),
            max_delay: Duration::from_secs(c.max_delay),
            max_attempts: c.max_attempts,
        }
    }

    /// The delay before the next attempt, or `None` when the wait is over.
    pub(crate) fn next_delay(&self, attempts: u32, remaining: Duration) -> Option<Duration> {
        if attempts >= self.max_attempts {
            return None;
        }
        let max = self.max_delay.max(self.min_delay);
        awso_runtime::waiter::delay(attempts, self.min_delay, max, remaining, fastrand::f64())
    }
}

/// A wait on waiter `W` whose delays or attempts differ from the declaration's, from
/// [`Client::waiter`](crate::Client::waiter) or
/// [`blocking::Client::waiter`](crate::blocking::Client::waiter); `wait(&input, max_wait)`
/// polls as [`Client::wait`](crate::Client::wait) does.
#[must_use = "a wait builder does nothing until `wait` is called"]
pub struct WaitBuilder<'c, W, C> {
    client: &'c C,
    polling: Polling,
    waiter: PhantomData<fn() -> W>,
}

impl<W: Waiter, C> fmt::Debug for WaitBuilder<'_, W, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WaitBuilder")
            .field("waiter", &W::NAME)
            .field("min_delay", &self.polling.min_delay)
            .field("max_delay", &self.polling.max_delay)
            .field("max_attempts", &self.polling.max_attempts)
            .finish()
    }
}

impl<'c, W: Waiter, C> WaitBuilder<'c, W, C> {
    pub(crate) fn new(client: &'c C) -> Self {
        WaitBuilder {
            client,
            polling: Polling::of::<W>(),
            waiter: PhantomData,
        }
    }

    /// The least delay between attempts, instead of the waiter's `delay` (seconds in the
    /// declaration): a shorter one for a local emulator that is quicker than AWS.
    pub fn min_delay(mut self, delay: Duration) -> Self {
        self.polling.min_delay = delay;
        self
    }

    /// The most delay between attempts, instead of the waiter's `max_delay` (120 s unless
    /// declared); never below the least delay.
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.polling.max_delay = delay;
        self
    }

    /// The most attempts, instead of the waiter's `max_attempts`.
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.polling.max_attempts = attempts;
        self
    }
}

impl<W: Waiter, T: crate::blocking::Transport> WaitBuilder<'_, W, crate::blocking::Client<T>> {
    /// Polls as [`blocking::Client::wait`](crate::blocking::Client::wait) does, with these
    /// delays and attempts.
    pub fn wait(
        self,
        input: &<W::Operation as Operation>::Input,
        max_wait: Duration,
    ) -> Result<Waited<W>, WaitError<W>> {
        self.client.wait_polling::<W>(input, max_wait, self.polling)
    }
}

impl<W: Waiter, T: crate::transport::Transport> WaitBuilder<'_, W, crate::Client<T>> {
    /// Polls as [`Client::wait`](crate::Client::wait) does, with these delays and attempts.
    pub async fn wait(
        self,
        input: &<W::Operation as Operation>::Input,
        max_wait: Duration,
    ) -> Result<Waited<W>, WaitError<W>>
    where
        <W::Operation as Operation>::Output: Send,
        <W::Operation as Operation>::Error: Send,
    {
        self.client
            .wait_polling::<W>(input, max_wait, self.polling)
            .await
    }
}
