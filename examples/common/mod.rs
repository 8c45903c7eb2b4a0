//! What the examples share: one trait over both clients, so each workflow is written once
//! (as an `async fn`) and runs on the async client (`-- --async`, on tokio) or on the
//! blocking one (the default, no runtime at all). Calls, paginations (the blocking client's
//! iterator, the async client's stream) and waits go through it.

use awso::operation::{Operation, OperationError};
use awso::paginate::Paginated;
use awso::waiter::Waiter;
use awso::{AwsShape, WaitError, Waited};
use std::future::Future;
use std::time::Duration;

/// What a waiter's operation takes.
pub type WaitInput<W> = <<W as Waiter>::Operation as Operation>::Input;

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

    /// Every item of every page of operation `O` from `input` on (the lists its paginator's
    /// `result_key` names), asking for `page_size` items a page.
    fn items<'a, O: Paginated + 'a, I: AwsShape + 'a>(
        &'a self,
        input: O::Input,
        page_size: i32,
    ) -> impl Future<Output = Result<Vec<I>, OperationError<O::Error>>> + 'a
    where
        O::Output: Send + 'a,
        O::Error: Send + 'a;

    /// Polls waiter `W`'s operation with `input` until an acceptor ends the wait or
    /// `max_wait` has passed.
    fn wait<'a, W: Waiter + 'a>(
        &'a self,
        input: &'a WaitInput<W>,
        max_wait: Duration,
    ) -> impl Future<Output = Result<Waited<W>, WaitError<W>>> + 'a
    where
        <W::Operation as Operation>::Output: Send,
        <W::Operation as Operation>::Error: Send;
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

    /// The pages come as a `Stream` (`futures`' `TryStreamExt` collects it).
    fn items<'a, O: Paginated + 'a, I: AwsShape + 'a>(
        &'a self,
        input: O::Input,
        page_size: i32,
    ) -> impl Future<Output = Result<Vec<I>, OperationError<O::Error>>> + 'a
    where
        O::Output: Send + 'a,
        O::Error: Send + 'a,
    {
        use futures_util::TryStreamExt;
        self.paginate::<O>(input)
            .page_size(page_size)
            .items::<I>()
            .try_collect()
    }

    fn wait<'a, W: Waiter + 'a>(
        &'a self,
        input: &'a WaitInput<W>,
        max_wait: Duration,
    ) -> impl Future<Output = Result<Waited<W>, WaitError<W>>> + 'a
    where
        <W::Operation as Operation>::Output: Send,
        <W::Operation as Operation>::Error: Send,
    {
        awso::Client::wait::<W>(self, input, max_wait)
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

    /// The pages come as an `Iterator`.
    fn items<'a, O: Paginated + 'a, I: AwsShape + 'a>(
        &'a self,
        input: O::Input,
        page_size: i32,
    ) -> impl Future<Output = Result<Vec<I>, OperationError<O::Error>>> + 'a
    where
        O::Output: Send + 'a,
        O::Error: Send + 'a,
    {
        let items = self
            .paginate::<O>(input)
            .page_size(page_size)
            .items::<I>()
            .collect();
        std::future::ready(items)
    }

    fn wait<'a, W: Waiter + 'a>(
        &'a self,
        input: &'a WaitInput<W>,
        max_wait: Duration,
    ) -> impl Future<Output = Result<Waited<W>, WaitError<W>>> + 'a
    where
        <W::Operation as Operation>::Output: Send,
        <W::Operation as Operation>::Error: Send,
    {
        std::future::ready(awso::blocking::Client::wait::<W>(self, input, max_wait))
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
