//! What the examples share: one trait over both clients, so each workflow is written once
//! (as an `async fn`) and runs on the async client (`-- --async`, on tokio) or on the
//! blocking one (the default, no runtime at all).

use awso::operation::{Operation, OperationError};
use std::future::Future;

/// Calls an operation through either client.
pub trait Call {
    /// The output of operation `O` for `input`, or why there is none.
    fn call<'a, O: Operation + 'a>(
        &'a self,
        input: &O::Input,
    ) -> impl Future<Output = Result<O::Output, OperationError<O::Error>>> + 'a
    where
        O::Output: Send + 'a,
        O::Error: Send + 'a;
}

/// The async client: its own future, awaited by the workflow.
impl<T: awso::transport::Transport> Call for awso::Client<T> {
    fn call<'a, O: Operation + 'a>(
        &'a self,
        input: &O::Input,
    ) -> impl Future<Output = Result<O::Output, OperationError<O::Error>>> + 'a
    where
        O::Output: Send + 'a,
        O::Error: Send + 'a,
    {
        awso::Client::call::<O>(self, input)
    }
}

/// The blocking client: the call is made at once and its result handed over ready.
impl<T: awso::blocking::Transport> Call for awso::blocking::Client<T> {
    fn call<'a, O: Operation + 'a>(
        &'a self,
        input: &O::Input,
    ) -> impl Future<Output = Result<O::Output, OperationError<O::Error>>> + 'a
    where
        O::Output: Send + 'a,
        O::Error: Send + 'a,
    {
        std::future::ready(awso::blocking::Client::call::<O>(self, input))
    }
}

/// Whether the example was asked to run on the async client (`-- --async`).
pub fn is_async() -> bool {
    std::env::args().any(|a| a == "--async")
}

/// Runs a workflow over the blocking client to its end. Every future the blocking client
/// returns is ready, so one poll finishes it: no runtime, no waker that does anything.
pub fn blocking<F: Future>(workflow: F) -> F::Output {
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    match std::pin::pin!(workflow).poll(&mut cx) {
        std::task::Poll::Ready(output) => output,
        std::task::Poll::Pending => unreachable!("the blocking client never waits"),
    }
}

/// Runs a workflow over the async client on a tokio runtime of this thread.
pub fn on_tokio<F: Future>(workflow: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime")
        .block_on(workflow)
}
