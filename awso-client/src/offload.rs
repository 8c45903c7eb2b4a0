//! Blocking work kept off the executor's threads: the credentials providers' (reading token
//! files and the SSO token cache, running `credential_process`) and the async client's
//! streamed request bodies (hashing bytes and files before a call, reading files and readers
//! as the body is sent).

use awso_runtime::byte_stream::{Bytes, Stream};
use awso_runtime::ByteStream;
use std::collections::VecDeque;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::task::{Context, Poll, Waker};

/// Where blocking work runs: the credentials providers' and, on the async client, the
/// hashing and reading of streamed request bodies.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum BlockingWork {
    /// On the thread that polls the provider: the blocking client's way, whose thread waits
    /// for the answer anyway.
    Inline,
    /// On a thread started for the work, the polling thread free meanwhile: an executor
    /// thread is never blocked, whatever the executor. Such work is rare or long: providers
    /// fetch credentials at most a few times an hour behind the cache, and a body is hashed
    /// or read this way only when it is a file, a reader or more than 64 KiB of bytes, so a
    /// thread's start (tens of microseconds) is nothing beside the work.
    #[default]
    Offload,
}

impl BlockingWork {
    /// Runs `work` as this says; `None` if it panicked (or no thread could be started).
    pub(crate) async fn run<T: Send + 'static>(
        self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Option<T> {
        match self {
            BlockingWork::Inline => Some(work()),
            BlockingWork::Offload => on_a_thread(work).await,
        }
    }

    /// `body`, polled as a [`Stream`], read as this says: `Inline`, as it is (a file or a
    /// reader is read in `poll_next`); `Offload`, a file or reader (what
    /// [`ByteStream::reads_blocking`] says) is read by a thread of its own, started at the
    /// first poll, at most [`READ_AHEAD`] pieces ahead of the poller, so memory stays
    /// bounded. The thread ends with the body, or when the stream returned is dropped.
    pub(crate) fn read_stream(self, body: ByteStream) -> ByteStream {
        if self == BlockingWork::Inline || !body.reads_blocking() {
            return body;
        }
        let len = body.len();
        let ahead = ReadAhead::Idle(Some(body));
        match len {
            Some(len) => ByteStream::from_stream_with_length(ahead, len),
            None => ByteStream::from_stream(ahead),
        }
    }
}

/// How many pieces (of up to 64 KiB, a little more once framed as aws-chunked) a reading
/// thread holds ready ahead of the poller.
pub(crate) const READ_AHEAD: usize = 4;

/// A body read by a thread of its own: idle until first polled.
enum ReadAhead {
    Idle(Option<ByteStream>),
    Reading(Arc<Pipe>),
    /// No thread could be started: read on the polling thread.
    Inline(ByteStream),
}

/// The pieces a reading thread hands over, and who waits on whom.
struct Pipe {
    state: Mutex<PipeState>,
    /// The reading thread waits here while [`READ_AHEAD`] pieces are waiting.
    room: Condvar,
}

struct PipeState {
    pieces: VecDeque<io::Result<Bytes>>,
    /// The reading thread is done (the body ended, failed, or the thread stopped).
    ended: bool,
    /// The stream was dropped: the reading thread stops.
    abandoned: bool,
    /// The poller waiting for a piece.
    waker: Option<Waker>,
}

impl Pipe {
    fn lock(&self) -> MutexGuard<'_, PipeState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Hands `piece` over, waiting for room; `false` if the stream was dropped.
    fn put(&self, piece: io::Result<Bytes>) -> bool {
        let mut state = self.lock();
        while state.pieces.len() >= READ_AHEAD && !state.abandoned {
            state = self.room.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        if state.abandoned {
            return false;
        }
        state.pieces.push_back(piece);
        let waker = state.waker.take();
        drop(state);
        if let Some(waker) = waker {
            waker.wake();
        }
        true
    }
}

/// Ends the pipe when the reading thread ends, by a panic too: a body that did not end is
/// then an error of the read, never a short body.
struct EndPipe(Arc<Pipe>);

impl Drop for EndPipe {
    fn drop(&mut self) {
        let mut state = self.0.lock();
        if !state.ended {
            state.ended = true;
            state.pieces.push_back(Err(io::Error::other(
                "the thread reading the request body stopped before its end",
            )));
        }
        let waker = state.waker.take();
        drop(state);
        if let Some(waker) = waker {
            waker.wake();
        }
    }
}

/// Reads `body` into `pipe` until it ends, fails or the stream is dropped.
fn read_into(mut body: ByteStream, pipe: Arc<Pipe>) {
    let end = EndPipe(pipe);
    loop {
        match body.next_blocking() {
            Some(Ok(piece)) => {
                if !end.0.put(Ok(piece)) {
                    break;
                }
            }
            Some(Err(e)) => {
                end.0.put(Err(e));
                break;
            }
            None => break,
        }
    }
    end.0.lock().ended = true;
}

impl Stream for ReadAhead {
    type Item = io::Result<Bytes>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if let ReadAhead::Idle(body) = this {
            let pipe = Arc::new(Pipe {
                state: Mutex::new(PipeState {
                    pieces: VecDeque::new(),
                    ended: false,
                    abandoned: false,
                    waker: None,
                }),
                room: Condvar::new(),
            });
            // The thread takes the body from here; it stays here if no thread starts.
            let slot = Arc::new(Mutex::new(body.take()));
            let (theirs, their_pipe) = (slot.clone(), pipe.clone());
            let started = std::thread::Builder::new()
                .name("awso-body".into())
                .spawn(move || {
                    let body = theirs.lock().unwrap_or_else(|e| e.into_inner()).take();
                    if let Some(body) = body {
                        read_into(body, their_pipe);
                    }
                })
                .is_ok();
            *this = if started {
                ReadAhead::Reading(pipe)
            } else {
                // No thread: read on this one rather than fail the call.
                match slot.lock().unwrap_or_else(|e| e.into_inner()).take() {
                    Some(body) => ReadAhead::Inline(body),
                    None => return Poll::Ready(None),
                }
            };
        }
        if let ReadAhead::Inline(body) = this {
            return Pin::new(body).poll_next(cx);
        }
        let ReadAhead::Reading(pipe) = this else {
            return Poll::Ready(None);
        };
        let mut state = pipe.lock();
        if let Some(piece) = state.pieces.pop_front() {
            drop(state);
            pipe.room.notify_one();
            return Poll::Ready(Some(piece));
        }
        if state.ended {
            return Poll::Ready(None);
        }
        state.waker = Some(cx.waker().clone());
        Poll::Pending
    }
}

impl Drop for ReadAhead {
    fn drop(&mut self) {
        if let ReadAhead::Reading(pipe) = self {
            pipe.lock().abandoned = true;
            pipe.room.notify_one();
        }
    }
}

/// The result of work running on its own thread, and who waits for it.
struct Slot<T> {
    value: Option<T>,
    finished: bool,
    waker: Option<Waker>,
}

fn lock<T>(slot: &Mutex<Slot<T>>) -> MutexGuard<'_, Slot<T>> {
    slot.lock().unwrap_or_else(|e| e.into_inner())
}

/// Marks the work finished when its thread ends, also by a panic, and wakes the waiter.
struct Finished<T>(Arc<Mutex<Slot<T>>>);

impl<T> Drop for Finished<T> {
    fn drop(&mut self) {
        let waker = {
            let mut slot = lock(&self.0);
            slot.finished = true;
            slot.waker.take()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    }
}

/// Runs `work` on a new thread; the future is ready when it ends.
fn on_a_thread<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> impl Future<Output = Option<T>> {
    let slot = Arc::new(Mutex::new(Slot {
        value: None,
        finished: false,
        waker: None,
    }));
    let theirs = Finished(slot.clone());
    let started = std::thread::Builder::new()
        .name("awso-blocking".into())
        .spawn(move || {
            let value = work();
            lock(&theirs.0).value = Some(value);
        })
        .is_ok();
    std::future::poll_fn(move |cx| {
        let mut s = lock(&slot);
        if !started || s.finished {
            return Poll::Ready(s.value.take());
        }
        s.waker = Some(cx.waker().clone());
        Poll::Pending
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    #[test]
    fn offloaded_work_leaves_the_polling_thread_free() {
        let work = BlockingWork::Offload.run(|| {
            std::thread::sleep(Duration::from_millis(300));
            7
        });
        let mut work = std::pin::pin!(work);
        let waker = Waker::noop();
        let start = Instant::now();
        // The first poll starts the thread and returns at once.
        assert!(work
            .as_mut()
            .poll(&mut std::task::Context::from_waker(waker))
            .is_pending());
        assert!(start.elapsed() < Duration::from_millis(200));
        assert_eq!(crate::credentials::block_on(work), Some(7));
        assert!(start.elapsed() >= Duration::from_millis(300));
    }

    #[test]
    fn a_panic_in_offloaded_work_is_none_not_a_hang() {
        let answer = crate::credentials::block_on(BlockingWork::Offload.run(|| -> u8 {
            panic!("work failed");
        }));
        assert_eq!(answer, None);
        assert_eq!(
            crate::credentials::block_on(BlockingWork::Inline.run(|| 3)),
            Some(3)
        );
    }
}

#[cfg(test)]
mod read_ahead_tests {
    use super::*;
    use crate::credentials::block_on;
    use std::io::Read;
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::time::Duration;

    /// A reader of `byte`s that counts what it gave, failing after `fail_after` bytes.
    struct Counted {
        given: Arc<AtomicU64>,
        fail_after: u64,
    }

    impl Read for Counted {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let given = self.given.load(Ordering::SeqCst);
            if given >= self.fail_after {
                return Err(io::Error::new(
                    io::ErrorKind::ConnectionReset,
                    "source broke",
                ));
            }
            let n = buf.len().min((self.fail_after - given) as usize);
            buf[..n].fill(b'c');
            self.given.fetch_add(n as u64, Ordering::SeqCst);
            Ok(n)
        }
    }

    fn all(mut body: ByteStream) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        while let Some(piece) = block_on(body.next()) {
            out.extend_from_slice(&piece?);
        }
        Ok(out)
    }

    #[test]
    fn a_body_read_ahead_is_the_same_body() {
        let data: Vec<u8> = (0..1_000_003u32).map(|i| (i % 251) as u8).collect();
        let body = ByteStream::from_reader_with_length(io::Cursor::new(data.clone()), 1_000_003);
        let ahead = BlockingWork::Offload.read_stream(body);
        assert_eq!(ahead.len(), Some(1_000_003));
        assert_eq!(all(ahead).unwrap(), data);
        // Bytes and async streams are polled as they are; Inline leaves any body as it is.
        assert!(!ByteStream::from(data.clone()).reads_blocking());
        let inline = BlockingWork::Inline.read_stream(ByteStream::from_reader(io::empty()));
        assert!(format!("{inline:?}").contains("reader"), "{inline:?}");
    }

    #[test]
    fn an_error_of_the_source_reaches_the_poller() {
        let given = Arc::new(AtomicU64::new(0));
        let body = ByteStream::from_reader(Counted {
            given,
            fail_after: 200_000,
        });
        let err = all(BlockingWork::Offload.read_stream(body)).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::ConnectionReset, "{err}");
    }

    #[test]
    fn the_thread_reads_a_bounded_way_ahead_and_stops_when_dropped() {
        let given = Arc::new(AtomicU64::new(0));
        let body = ByteStream::from_reader(Counted {
            given: given.clone(),
            fail_after: u64::MAX,
        });
        let mut ahead = BlockingWork::Offload.read_stream(body);
        assert_eq!(
            given.load(Ordering::SeqCst),
            0,
            "nothing read before the first poll"
        );
        block_on(ahead.next()).unwrap().unwrap();
        std::thread::sleep(Duration::from_millis(100));
        // The piece taken, the pieces waiting and the one the thread holds, no more.
        let bound = (READ_AHEAD as u64 + 2) * awso_runtime::byte_stream::CHUNK_SIZE as u64;
        let read = given.load(Ordering::SeqCst);
        assert!(read <= bound, "read {read} bytes ahead");
        drop(ahead);
        std::thread::sleep(Duration::from_millis(100));
        let stopped = given.load(Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(100));
        assert_eq!(
            given.load(Ordering::SeqCst),
            stopped,
            "the thread kept reading"
        );
    }
}
