//! Paginations on both clients: [`blocking::Client::paginate`](crate::blocking::Client::paginate)
//! gives an [`Iterator`] of pages ([`Pages`]) and of items ([`Items`]);
//! [`Client::paginate`](crate::Client::paginate) a [`Stream`] of pages
//! ([`AsyncPages`]) and of items ([`AsyncItems`]), to drive with `futures`' `StreamExt` /
//! `TryStreamExt` or with their own [`next_page`](AsyncPages::next_page) and
//! [`next_item`](AsyncItems::next_item). The state (which input next, when to stop,
//! repeated tokens) is [`awso_runtime::paginate::PageState`], without I/O.
//!
//! ```ignore
//! // Blocking: an iterator.
//! let keys: Vec<Object> = client
//!     .paginate::<ListObjectsV2>(ListObjectsV2Request { bucket: "b".into(), ..Default::default() })
//!     .page_size(100)
//!     .max_items(1000)
//!     .items::<Object>()
//!     .collect::<Result<_, _>>()?;
//!
//! // Async: a stream.
//! use futures_util::TryStreamExt;
//! let keys: Vec<Object> = client
//!     .paginate::<ListObjectsV2>(ListObjectsV2Request { bucket: "b".into(), ..Default::default() })
//!     .page_size(100)
//!     .items::<Object>()
//!     .try_collect()
//!     .await?;
//! ```

use awso_runtime::operation::OperationError;
use awso_runtime::paginate::{PageState, Paginated};
use awso_runtime::{AwsShape, Error};
use futures_core::Stream;
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

type Page<O> = Result<
    <O as awso_runtime::operation::Operation>::Output,
    OperationError<<O as awso_runtime::operation::Operation>::Error>,
>;

/// What both clients' paginations share: the state, and an error waiting to be returned
/// after the page that caused it.
struct Core<O: Paginated> {
    state: Result<PageState<O>, Option<Error>>,
    pending: Option<Error>,
    stopped: bool,
}

impl<O: Paginated> Core<O> {
    fn new(input: &O::Input) -> Self {
        Core {
            state: PageState::new(input).map_err(Some),
            pending: None,
            stopped: false,
        }
    }

    fn page_size(&mut self, size: i32) {
        if let Ok(state) = &mut self.state {
            if let Err(e) = state.set_page_size(size) {
                self.state = Err(Some(e));
            }
        }
    }

    fn max_items(&mut self, max: usize) {
        if let Ok(state) = &mut self.state {
            state.set_max_items(max);
        }
    }

    fn cap(&self) -> Option<usize> {
        self.state.as_ref().ok().and_then(PageState::max_items)
    }

    /// The input to send next, an error to return, or `None` when over.
    fn next_input(&mut self) -> Option<Result<O::Input, OperationError<O::Error>>> {
        if self.stopped {
            return None;
        }
        if let Some(e) = self.pending.take() {
            self.stopped = true;
            return Some(Err(OperationError::Construction(e)));
        }
        let state = match &mut self.state {
            Ok(state) => state,
            Err(e) => {
                self.stopped = true;
                return e.take().map(|e| Err(OperationError::Construction(e)));
            }
        };
        let input = state.next_input()?;
        if input.is_err() {
            self.stopped = true;
        }
        Some(input.map_err(OperationError::Construction))
    }

    fn took(&mut self, page: Page<O>) -> Page<O> {
        match (&page, &mut self.state) {
            (Ok(output), Ok(state)) => self.pending = state.page(output).err(),
            _ => self.stopped = true,
        }
        page
    }

    fn items<I: AwsShape>(&self, output: &O::Output) -> Result<Vec<I>, Error> {
        match &self.state {
            Ok(state) => state.items(output),
            Err(_) => Ok(Vec::new()),
        }
    }
}

/// The pages of a pagination on the blocking client: an iterator of outputs. After an error
/// it ends.
pub struct Pages<'c, O: Paginated, T> {
    client: &'c crate::blocking::Client<T>,
    core: Core<O>,
}

impl<'c, O: Paginated, T: crate::blocking::Transport> Pages<'c, O, T> {
    pub(crate) fn new(client: &'c crate::blocking::Client<T>, input: &O::Input) -> Self {
        Pages {
            client,
            core: Core::new(input),
        }
    }

    /// Asks for pages of `size` items (the paginator's `limit_key`).
    pub fn page_size(mut self, size: i32) -> Self {
        self.core.page_size(size);
        self
    }

    /// Stops after `max` items.
    pub fn max_items(mut self, max: usize) -> Self {
        self.core.max_items(max);
        self
    }

    /// The items of the pages (the list of the paginator's first `result_key`), each read as `I`,
    /// at most [`max_items`](Self::max_items) of them.
    pub fn items<I: AwsShape>(self) -> Items<'c, O, T, I> {
        Items {
            left: self.core.cap(),
            pages: self,
            buffer: VecDeque::new(),
        }
    }
}

impl<O: Paginated, T: crate::blocking::Transport> Iterator for Pages<'_, O, T> {
    type Item = Page<O>;

    fn next(&mut self) -> Option<Page<O>> {
        let input = match self.core.next_input()? {
            Ok(input) => input,
            Err(e) => return Some(Err(e)),
        };
        let page = self.client.call::<O>(&input);
        Some(self.core.took(page))
    }
}

/// The items of a pagination on the blocking client.
pub struct Items<'c, O: Paginated, T, I> {
    pages: Pages<'c, O, T>,
    buffer: VecDeque<I>,
    left: Option<usize>,
}

impl<O: Paginated, T: crate::blocking::Transport, I: AwsShape> Iterator for Items<'_, O, T, I> {
    type Item = Result<I, OperationError<O::Error>>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.left == Some(0) {
            return None;
        }
        while self.buffer.is_empty() {
            let page = match self.pages.next()? {
                Ok(page) => page,
                Err(e) => return Some(Err(e)),
            };
            match self.pages.core.items(&page) {
                Ok(items) => self.buffer.extend(items),
                Err(e) => return Some(Err(OperationError::Construction(e))),
            }
        }
        if let Some(left) = &mut self.left {
            *left -= 1;
        }
        self.buffer.pop_front().map(Ok)
    }
}

/// A call of the async client in flight, boxed so that a pagination can hold it between polls.
type PageFuture<'c, O> = Pin<Box<dyn Future<Output = Page<O>> + Send + 'c>>;

/// The pages of a pagination on the async client: a [`Stream`] of outputs (or
/// [`next_page`](Self::next_page) until `None`). After an error it ends.
pub struct AsyncPages<'c, O: Paginated, T> {
    client: &'c crate::Client<T>,
    core: Core<O>,
    in_flight: Option<PageFuture<'c, O>>,
}

// Nothing is pinned in place: the call in flight is boxed.
impl<O: Paginated, T> Unpin for AsyncPages<'_, O, T> {}

impl<'c, O, T> AsyncPages<'c, O, T>
where
    O: Paginated + 'c,
    O::Output: Send,
    O::Error: Send,
    T: crate::transport::Transport,
{
    pub(crate) fn new(client: &'c crate::Client<T>, input: &O::Input) -> Self {
        AsyncPages {
            client,
            core: Core::new(input),
            in_flight: None,
        }
    }

    /// Asks for pages of `size` items (the paginator's `limit_key`).
    pub fn page_size(mut self, size: i32) -> Self {
        self.core.page_size(size);
        self
    }

    /// Stops after `max` items.
    pub fn max_items(mut self, max: usize) -> Self {
        self.core.max_items(max);
        self
    }

    /// The next page, or `None` after the last one (or after an error): the stream's next
    /// item, without needing `StreamExt`.
    pub async fn next_page(&mut self) -> Option<Page<O>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// The items of the pages (the list of the paginator's first `result_key`), each read as `I`,
    /// at most [`max_items`](Self::max_items) of them: a [`Stream`].
    pub fn items<I: AwsShape>(self) -> AsyncItems<'c, O, T, I> {
        AsyncItems {
            left: self.core.cap(),
            pages: self,
            buffer: VecDeque::new(),
        }
    }
}

impl<'c, O, T> Stream for AsyncPages<'c, O, T>
where
    O: Paginated + 'c,
    O::Output: Send,
    O::Error: Send,
    T: crate::transport::Transport,
{
    type Item = Page<O>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Page<O>>> {
        let this = self.get_mut();
        let call = match &mut this.in_flight {
            Some(call) => call,
            None => {
                let input = match this.core.next_input() {
                    None => return Poll::Ready(None),
                    Some(Err(e)) => return Poll::Ready(Some(Err(e))),
                    Some(Ok(input)) => input,
                };
                // The call reads the input before it returns: the future borrows only the client.
                this.in_flight
                    .insert(Box::pin(this.client.call::<O>(&input)))
            }
        };
        let page = ready!(call.as_mut().poll(cx));
        this.in_flight = None;
        Poll::Ready(Some(this.core.took(page)))
    }
}

/// The items of a pagination on the async client: a [`Stream`] (or
/// [`next_item`](Self::next_item) until `None`).
pub struct AsyncItems<'c, O: Paginated, T, I> {
    pages: AsyncPages<'c, O, T>,
    buffer: VecDeque<I>,
    left: Option<usize>,
}

// Nothing is pinned in place: the items wait in a queue, the call in flight is boxed.
impl<O: Paginated, T, I> Unpin for AsyncItems<'_, O, T, I> {}

impl<'c, O, T, I> AsyncItems<'c, O, T, I>
where
    O: Paginated + 'c,
    O::Output: Send,
    O::Error: Send,
    T: crate::transport::Transport,
    I: AwsShape,
{
    /// The next item, or `None` after the last one (or after an error): the stream's next
    /// item, without needing `StreamExt`.
    pub async fn next_item(&mut self) -> Option<Result<I, OperationError<O::Error>>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }
}

impl<'c, O, T, I> Stream for AsyncItems<'c, O, T, I>
where
    O: Paginated + 'c,
    O::Output: Send,
    O::Error: Send,
    T: crate::transport::Transport,
    I: AwsShape,
{
    type Item = Result<I, OperationError<O::Error>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if this.left == Some(0) {
            return Poll::Ready(None);
        }
        while this.buffer.is_empty() {
            let page = match ready!(Pin::new(&mut this.pages).poll_next(cx)) {
                None => return Poll::Ready(None),
                Some(Err(e)) => return Poll::Ready(Some(Err(e))),
                Some(Ok(page)) => page,
            };
            match this.pages.core.items(&page) {
                Ok(items) => this.buffer.extend(items),
                Err(e) => return Poll::Ready(Some(Err(OperationError::Construction(e)))),
            }
        }
        if let Some(left) = &mut this.left {
            *left -= 1;
        }
        Poll::Ready(this.buffer.pop_front().map(Ok))
    }
}
