//! Waiters, declared as the models' `waiters-2.json` declares them: an operation polled with
//! a delay until an acceptor matches, each acceptor a `matcher` (`path`, `pathAll`,
//! `pathAny`, `status`, `error`), an `expected` value and a `state` (success, failure,
//! retry). The matching and the backoff are here, without I/O; the clients poll.
//!
//! ```ignore
//! awso::waiter! {
//!     /// Waits until the table is active.
//!     pub struct TableExists: DescribeTable {
//!         delay: 20,
//!         max_attempts: 25,
//!         acceptors: [
//!             success: path("Table.TableStatus") == "ACTIVE",
//!             retry: error("ResourceNotFoundException"),
//!         ],
//!     }
//! }
//! ```

use crate::jmespath::{json_equal, Expression};
use crate::operation::{Operation, OperationError};
use crate::{AwsError, Error};
use serde_json::Value as J;
use std::time::Duration;

/// How an acceptor looks at a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Matcher {
    /// The expression on the output equals `expected`.
    Path,
    /// The expression gives a non-empty list whose every item equals `expected`.
    PathAll,
    /// The expression gives a list with an item equal to `expected`.
    PathAny,
    /// The HTTP status equals `expected`.
    Status,
    /// The service's error code equals `expected`; `true`: any error, `false`: no error.
    Error,
}

/// What a matching acceptor means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// The wait is over: what was waited for happened.
    Success,
    /// The wait is over: it will not happen.
    Failure,
    /// Poll again.
    Retry,
}

/// One acceptor of a waiter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Acceptor {
    /// What it means when it matches.
    pub state: State,
    /// How it matches.
    pub matcher: Matcher,
    /// The expression on the output (path matchers); empty otherwise.
    pub argument: &'static str,
    /// The expected value as JSON text (`"ACTIVE"`, `true`, `404`).
    pub expected: &'static str,
}

/// A waiter's polling, as `waiters-2.json` declares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WaiterConfig {
    /// The least delay between attempts, in seconds (the model's `delay`).
    pub delay: u64,
    /// The most delay between attempts, in seconds (120 unless declared, as the SDKs).
    pub max_delay: u64,
    /// The most attempts (the model's `maxAttempts`).
    pub max_attempts: u32,
    /// The acceptors, tried in order.
    pub acceptors: &'static [Acceptor],
}

/// A waiter ([`waiter!`](crate::waiter!)).
pub trait Waiter {
    /// The operation it polls.
    type Operation: Operation;
    /// The waiter's name (`TableExists`).
    const NAME: &'static str;
    /// How it polls.
    const CONFIG: WaiterConfig;
}

/// One response as the acceptors see it: the output with its HTTP status, or the error.
pub type Polled<'a, O> =
    Result<(&'a <O as Operation>::Output, u16), &'a OperationError<<O as Operation>::Error>>;

impl Acceptor {
    /// Whether the acceptor matches `response`; an error for an expression outside the
    /// JMESPath subset or an `expected` that is not JSON.
    pub fn matches<O: Operation>(&self, response: Polled<'_, O>) -> crate::Result<bool> {
        let expected: J = serde_json::from_str(self.expected).map_err(|e| {
            Error::invalid(format!(
                "waiter acceptor: expected {} is not a JSON value: {e}",
                self.expected
            ))
        })?;
        Ok(match self.matcher {
            Matcher::Status => {
                let status = match response {
                    Ok((_, status)) => Some(status),
                    Err(OperationError::Service { status, .. })
                    | Err(OperationError::Response { status, .. }) => Some(*status),
                    Err(_) => None,
                };
                status.is_some_and(|s| expected.as_u64() == Some(u64::from(s)))
            }
            Matcher::Error => match (&expected, response) {
                (J::Bool(any), r) => *any == matches!(r, Err(OperationError::Service { .. })),
                (J::String(code), Err(OperationError::Service { error, .. })) => {
                    error.code() == code
                }
                _ => false,
            },
            Matcher::Path | Matcher::PathAll | Matcher::PathAny => {
                let Ok((output, _)) = response else {
                    return Ok(false);
                };
                let found = Expression::parse(self.argument)?
                    .search(&crate::paginate::to_member_json(output))?;
                match (self.matcher, &found) {
                    (Matcher::Path, v) => json_equal(v, &expected),
                    (Matcher::PathAll, J::Array(a)) => {
                        !a.is_empty() && a.iter().all(|v| json_equal(v, &expected))
                    }
                    (Matcher::PathAny, J::Array(a)) => a.iter().any(|v| json_equal(v, &expected)),
                    _ => false,
                }
            }
        })
    }
}

/// Checks `W`'s declaration before the first attempt: every path parses, every member its
/// paths read is in the output's shapes all the way down (see
/// [`check_expression`](crate::paginate::check_expression); the macro checks only the leading
/// member at compile time), every `expected` is a JSON value. An error names the waiter,
/// the path and the missing member.
pub fn check_declaration<W: Waiter>() -> crate::Result<()> {
    let context = format!("waiter {}", W::NAME);
    for a in W::CONFIG.acceptors {
        serde_json::from_str::<J>(a.expected).map_err(|e| {
            Error::invalid(format!(
                "{context}: expected {} is not a JSON value: {e}",
                a.expected
            ))
        })?;
        let field = match a.matcher {
            Matcher::Path => "path",
            Matcher::PathAll => "pathAll",
            Matcher::PathAny => "pathAny",
            Matcher::Status | Matcher::Error => continue,
        };
        let e = Expression::parse(a.argument)
            .map_err(|e| Error::invalid(format!("{context}: {field}: {e}")))?;
        crate::paginate::check_expression::<<W::Operation as Operation>::Output>(
            &context, field, &e,
        )?;
    }
    Ok(())
}

/// The first acceptor of `W` that matches `response`, with its index.
pub fn first_match<W: Waiter>(
    response: Polled<'_, W::Operation>,
) -> crate::Result<Option<(usize, Acceptor)>> {
    for (i, a) in W::CONFIG.acceptors.iter().enumerate() {
        if a.matches::<W::Operation>(response)? {
            return Ok(Some((i, *a)));
        }
    }
    Ok(None)
}

/// The delay before attempt `attempt + 1` (attempts count from 1), as the AWS SDKs (smithy)
/// compute it: exponential from `min` up to `max`, a random point between `min` and that
/// (`random` in `[0, 1)`), and never past the time left less `min`. `None` when there is not
/// time for another attempt.
pub fn delay(
    attempt: u32,
    min: Duration,
    max: Duration,
    remaining: Duration,
    random: f64,
) -> Option<Duration> {
    if remaining <= min {
        return None;
    }
    // With no least delay the exponential stays at zero (smithy's ceiling is infinite then).
    let ceiling = if min.is_zero() {
        f64::INFINITY
    } else {
        (max.as_secs_f64() / min.as_secs_f64()).log2() + 1.0
    };
    let top = if f64::from(attempt) > ceiling {
        max
    } else {
        min.saturating_mul(1 << (attempt.saturating_sub(1)).min(30))
            .min(max)
    };
    let span = top.saturating_sub(min).as_secs_f64();
    let mut d = min + Duration::from_secs_f64(span * random.clamp(0.0, 1.0));
    if remaining.saturating_sub(d) <= min {
        d = remaining.saturating_sub(min);
    }
    Some(d)
}

/// What is wrong with a waiter's declaration that the compiler can see: a path acceptor's
/// leading member the output does not have, said as the run-time check says it:
/// ``waiter TableExists: path `Tabel.TableStatus` names `Tabel`, which DescribeTableOutput
/// has no member of (it has Table)``. [`waiter!`](crate::waiter!) makes it a compile error.
#[doc(hidden)]
pub const fn check_waiter<W: Waiter>() -> Option<crate::paginate::ConstText> {
    let shape = <<W::Operation as Operation>::Output as crate::AwsShape>::SHAPE;
    let mut context = crate::paginate::ConstText::new();
    context.push("waiter ");
    context.push(W::NAME);
    let context = context.as_str();
    let acceptors = W::CONFIG.acceptors;
    let mut i = 0;
    while i < acceptors.len() {
        let field = match acceptors[i].matcher {
            Matcher::Path => "path",
            Matcher::PathAll => "pathAll",
            Matcher::PathAny => "pathAny",
            Matcher::Status | Matcher::Error => "",
        };
        if !field.is_empty() {
            let path = [acceptors[i].argument];
            if let Some(problem) = crate::paginate::check_leading(context, field, shape, &path) {
                return Some(problem);
            }
        }
        i += 1;
    }
    None
}

/// Declares a [`Waiter`](crate::waiter::Waiter) on an operation declared with
/// [`operation!`](crate::operation!), as `waiters-2.json` does: `delay` and `max_attempts`
/// (and optionally `max_delay`, seconds), then acceptors in order, each
/// `state: matcher(argument) == expected` for `path`, `pathAll` and `pathAny`, and
/// `state: status(404)` or `state: error("Code")` (or `error(true)`); `state` is `success`,
/// `failure` or `retry`.
///
/// A path whose leading member the output does not have is a compile error; the rest of a
/// path is checked when it is evaluated.
#[macro_export]
macro_rules! waiter {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident : $operation:ty {
            delay: $delay:expr,
            $(max_delay: $max_delay:expr,)?
            max_attempts: $max_attempts:expr,
            acceptors: [ $($state:ident : $matcher:ident ( $arg:literal ) $(== $expected:literal)?),+ $(,)? ] $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
        $vis struct $name;

        impl $crate::waiter::Waiter for $name {
            type Operation = $operation;
            const NAME: &'static str = ::core::stringify!($name);
            const CONFIG: $crate::waiter::WaiterConfig = $crate::waiter::WaiterConfig {
                delay: $delay,
                max_delay: $crate::__first!($($max_delay,)? 120),
                max_attempts: $max_attempts,
                acceptors: &[$($crate::__acceptor!($state $matcher $arg $($expected)?)),+],
            };
        }
        // A path into a member the output lacks fails compilation here, with what is wrong.
        const _: () = if let ::core::option::Option::Some(problem) =
            &$crate::waiter::check_waiter::<$name>()
        {
            ::core::panic!("{}", problem.as_str())
        };
    };
}

/// One acceptor of [`waiter!`]: path matchers take an argument and an expected value,
/// `status` and `error` only an expected value.
#[doc(hidden)]
#[macro_export]
macro_rules! __acceptor {
    ($state:ident $matcher:ident $arg:literal $expected:literal) => {
        $crate::waiter::Acceptor {
            state: $crate::__waiter_state!($state),
            matcher: $crate::__path_matcher!($matcher),
            argument: $arg,
            expected: ::core::stringify!($expected),
        }
    };
    ($state:ident $matcher:ident $expected:literal) => {
        $crate::waiter::Acceptor {
            state: $crate::__waiter_state!($state),
            matcher: $crate::__other_matcher!($matcher),
            argument: "",
            expected: ::core::stringify!($expected),
        }
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __waiter_state {
    (success) => {
        $crate::waiter::State::Success
    };
    (failure) => {
        $crate::waiter::State::Failure
    };
    (retry) => {
        $crate::waiter::State::Retry
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __path_matcher {
    (path) => {
        $crate::waiter::Matcher::Path
    };
    (pathAll) => {
        $crate::waiter::Matcher::PathAll
    };
    (pathAny) => {
        $crate::waiter::Matcher::PathAny
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __other_matcher {
    (status) => {
        $crate::waiter::Matcher::Status
    };
    (error) => {
        $crate::waiter::Matcher::Error
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_between_min_and_max_and_stop_short_of_the_deadline() {
        let (min, max) = (Duration::from_secs(2), Duration::from_secs(120));
        let long = Duration::from_secs(3600);
        assert_eq!(delay(1, min, max, long, 0.99), Some(min));
        assert_eq!(delay(3, min, max, long, 1.0), Some(Duration::from_secs(8)));
        assert_eq!(delay(3, min, max, long, 0.0), Some(min));
        assert_eq!(delay(30, min, max, long, 1.0), Some(max));
        let left = Duration::from_secs(5);
        assert_eq!(delay(30, min, max, left, 1.0), Some(Duration::from_secs(3)));
        assert_eq!(delay(1, min, max, min, 0.5), None);
        let zero = Duration::ZERO;
        assert_eq!(delay(1, zero, max, long, 0.99), Some(zero));
        assert_eq!(delay(9, zero, max, long, 0.99), Some(zero));
    }
}
