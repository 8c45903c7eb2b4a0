//! Bodies that stream (the Smithy `@streaming` blob): [`ByteStream`], the payload of S3
//! `PutObject`, `UploadPart` and `GetObject`, sent and received without holding the whole body
//! in memory.
//!
//! A `ByteStream` holds a source and does no I/O but reading what it was handed:
//!
//! | made from | read | sent again on a retry | length |
//! |---|---|---|---|
//! | bytes ([`Bytes`], `Vec<u8>`, `String`, [`Blob`](crate::Blob)) | from memory | yes | known |
//! | a file ([`ByteStream::from_path`], [`ByteStream::from_file_range`]) | opened when first read | yes (re-opened) | known |
//! | a [`Read`] ([`ByteStream::from_reader`]) | once | only if nothing was read yet | if given |
//! | a [`Stream`] of chunks ([`ByteStream::from_stream`]) | once | only if nothing was read yet | if given |
//!
//! A response body is a one-shot stream reading from the connection (the async client's is a
//! `Stream`, the blocking client's a `Read`). Read any `ByteStream` either way, whichever client
//! made it: blocking with [`Read`] (`read_to_end`, `io::copy`) or [`ByteStream::collect_blocking`];
//! asynchronously as a [`Stream`] of [`Bytes`] or with [`ByteStream::collect`]`.await`.
//! Reading an async stream blocking parks the thread until each chunk arrives (do not do that
//! on the thread of a single-threaded runtime that drives the stream); polling a file or
//! reader as a `Stream` reads it blocking, 64 KiB at a time ([`ByteStream::reads_blocking`]
//! says so; the async client reads such request bodies on a thread of its own).
//!
//! `Debug` shows the kind of source and the length left, never content. A clone reads what
//! the original has not read yet (bytes, file) or shares the one-shot source with it: whichever
//! reads first takes those bytes.

/// The chunks a stream yields (the `bytes` crate's, as `http` uses).
pub use bytes::Bytes;
/// The async stream trait (the `futures-core` crate's) a [`ByteStream`] implements and
/// [`ByteStream::from_stream`] takes.
pub use futures_core::Stream;
use std::fmt;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll};

/// The size of the pieces read from files and readers: 64 KiB.
pub const CHUNK_SIZE: usize = 64 * 1024;

/// A body that streams: bytes, a file, a one-shot reader or async stream (see the
/// [module docs](self)).
pub struct ByteStream {
    source: Source,
}

enum Source {
    Bytes(Bytes),
    File(FileSource),
    OneShot(Arc<OneShot>),
}

/// A file, or a range of one, re-opened by every clone.
struct FileSource {
    path: Arc<Path>,
    /// Where the bytes still to read start.
    offset: u64,
    /// How many are left.
    remaining: u64,
    file: Option<File>,
}

/// A source that can be read once; clones of the stream share it.
struct OneShot {
    /// The length it had when made, if known.
    len: Option<u64>,
    state: Mutex<OneShotState>,
}

struct OneShotState {
    source: OneShotSource,
    /// A chunk read but not handed out yet (blocking reads of a `Stream`, encoders).
    pending: Bytes,
    /// Bytes handed out so far.
    read: u64,
    /// The source has ended (and its checks passed).
    ended: bool,
}

type BoxStream = Pin<Box<dyn Stream<Item = io::Result<Bytes>> + Send>>;

enum OneShotSource {
    Reader(Box<dyn Read + Send>),
    Stream(BoxStream),
    /// Another stream, each piece shown to a check that may fail the read at the end.
    Checked {
        inner: Box<ByteStream>,
        check: Box<dyn BodyCheck>,
    },
    /// Another stream, re-encoded (aws-chunked framing).
    Encoded {
        inner: Box<ByteStream>,
        encoder: Box<dyn BodyEncoder>,
        scratch: Vec<u8>,
        inner_ended: bool,
    },
}

/// Watches a body as it is read: sees every piece, and may fail the read once the body has
/// ended (a length or a checksum that does not match). See [`ByteStream::with_check`].
pub trait BodyCheck: Send {
    /// The next bytes of the body.
    fn update(&mut self, data: &[u8]);
    /// The body has ended: an error if it is not what was announced.
    fn finish(&mut self) -> io::Result<()>;
}

/// Re-encodes a body as it is read (the aws-chunked framing of signed streaming uploads).
/// See [`ByteStream::encode_with`].
pub trait BodyEncoder: Send {
    /// Appends the encoded form of the next bytes of the body to `out` (possibly nothing
    /// while the encoder gathers a whole chunk).
    fn encode(&mut self, data: &[u8], out: &mut Vec<u8>);
    /// The body has ended: appends what is left to `out`.
    fn finish(&mut self, out: &mut Vec<u8>) -> io::Result<()>;
    /// The encoded length of a body of `len` bytes, when the encoder can tell.
    fn encoded_len(&self, len: u64) -> Option<u64>;
}

impl ByteStream {
    /// A stream of the given bytes (re-readable, length known).
    pub fn new(bytes: impl Into<Bytes>) -> Self {
        ByteStream {
            source: Source::Bytes(bytes.into()),
        }
    }

    /// A stream of static bytes.
    pub fn from_static(bytes: &'static [u8]) -> Self {
        ByteStream::new(Bytes::from_static(bytes))
    }

    /// A stream of the whole file at `path` (re-readable: opened when first read, again for
    /// a retry). Its length is taken now; a file that then shrinks is an error when read.
    pub fn from_path(path: impl AsRef<Path>) -> io::Result<Self> {
        let path = path.as_ref();
        let len = std::fs::metadata(path)
            .map_err(|e| file_error(path, "cannot read the metadata of", e))?
            .len();
        ByteStream::from_file_range(path, 0, len)
    }

    /// A stream of `len` bytes of the file at `path` from `offset` on (a part of a multipart
    /// upload, say). An error if the file is shorter than `offset + len`.
    pub fn from_file_range(path: impl AsRef<Path>, offset: u64, len: u64) -> io::Result<Self> {
        let path = path.as_ref();
        let size = std::fs::metadata(path)
            .map_err(|e| file_error(path, "cannot read the metadata of", e))?
            .len();
        if offset.checked_add(len).is_none_or(|end| end > size) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "file {}: the range {offset}..+{len} is past its end ({size} bytes)",
                    path.display()
                ),
            ));
        }
        Ok(ByteStream {
            source: Source::File(FileSource {
                path: Arc::from(path),
                offset,
                remaining: len,
                file: None,
            }),
        })
    }

    /// A one-shot stream of what `reader` gives, length unknown.
    pub fn from_reader(reader: impl Read + Send + 'static) -> Self {
        ByteStream::one_shot(OneShotSource::Reader(Box::new(reader)), None)
    }

    /// A one-shot stream of the `len` bytes `reader` gives (reading fewer or more is an error).
    pub fn from_reader_with_length(reader: impl Read + Send + 'static, len: u64) -> Self {
        let inner = ByteStream::one_shot(OneShotSource::Reader(Box::new(reader)), Some(len));
        inner.with_check(LengthCheck::new(
            len,
            "the reader given to ByteStream::from_reader_with_length",
        ))
    }

    /// A one-shot stream of the chunks `stream` yields, length unknown.
    pub fn from_stream(stream: impl Stream<Item = io::Result<Bytes>> + Send + 'static) -> Self {
        ByteStream::one_shot(OneShotSource::Stream(Box::pin(stream)), None)
    }

    /// A one-shot stream of the `len` bytes `stream` yields (fewer or more is an error).
    pub fn from_stream_with_length(
        stream: impl Stream<Item = io::Result<Bytes>> + Send + 'static,
        len: u64,
    ) -> Self {
        let inner = ByteStream::one_shot(OneShotSource::Stream(Box::pin(stream)), Some(len));
        inner.with_check(LengthCheck::new(
            len,
            "the stream given to ByteStream::from_stream_with_length",
        ))
    }

    fn one_shot(source: OneShotSource, len: Option<u64>) -> Self {
        ByteStream {
            source: Source::OneShot(Arc::new(OneShot {
                len,
                state: Mutex::new(OneShotState {
                    source,
                    pending: Bytes::new(),
                    read: 0,
                    ended: false,
                }),
            })),
        }
    }

    /// This stream, with every piece read shown to `check`, whose verdict at the end of the
    /// body fails the read that reaches it. The result is one-shot.
    pub fn with_check(self, check: impl BodyCheck + 'static) -> Self {
        let len = self.len();
        ByteStream::one_shot(
            OneShotSource::Checked {
                inner: Box::new(self),
                check: Box::new(check),
            },
            len,
        )
    }

    /// This stream re-encoded by `encoder` as it is read. The result is one-shot; its length
    /// is the encoder's for this stream's length.
    pub fn encode_with(self, encoder: impl BodyEncoder + 'static) -> Self {
        let len = self.len().and_then(|len| encoder.encoded_len(len));
        ByteStream::one_shot(
            OneShotSource::Encoded {
                inner: Box::new(self),
                encoder: Box::new(encoder),
                scratch: Vec::new(),
                inner_ended: false,
            },
            len,
        )
    }

    /// How many bytes are left to read, when known.
    pub fn len(&self) -> Option<u64> {
        match &self.source {
            Source::Bytes(b) => Some(b.len() as u64),
            Source::File(f) => Some(f.remaining),
            Source::OneShot(o) => {
                let read = lock(&o.state).read;
                o.len.map(|len| len.saturating_sub(read))
            }
        }
    }

    /// Whether nothing is left to read (`false` when the length is unknown).
    pub fn is_empty(&self) -> bool {
        self.len() == Some(0)
    }

    /// Whether the stream can be read again from a copy ([`ByteStream::try_clone`]): bytes
    /// and files can, readers and async streams cannot.
    pub fn is_rereadable(&self) -> bool {
        !matches!(self.source, Source::OneShot(_))
    }

    /// Whether reading it does blocking I/O: a file or a [`Read`] is at its source (also
    /// under a check or an encoder), not memory or an async stream. The async client reads
    /// such a body on a thread of its own rather than in `poll_next`.
    pub fn reads_blocking(&self) -> bool {
        match &self.source {
            Source::Bytes(_) => false,
            Source::File(_) => true,
            Source::OneShot(o) => match &lock(&o.state).source {
                OneShotSource::Reader(_) => true,
                OneShotSource::Stream(_) => false,
                OneShotSource::Checked { inner, .. } | OneShotSource::Encoded { inner, .. } => {
                    inner.reads_blocking()
                }
            },
        }
    }

    /// Whether any byte of a one-shot source was read already (then it cannot be sent
    /// again); `false` for bytes and files.
    pub fn is_started(&self) -> bool {
        match &self.source {
            Source::OneShot(o) => lock(&o.state).read > 0,
            _ => false,
        }
    }

    /// An independent copy reading the same bytes from where this one is, for bytes and
    /// files; `None` for one-shot sources.
    pub fn try_clone(&self) -> Option<ByteStream> {
        match &self.source {
            Source::Bytes(b) => Some(ByteStream::new(b.clone())),
            Source::File(f) => Some(ByteStream {
                source: Source::File(FileSource {
                    path: f.path.clone(),
                    offset: f.offset,
                    remaining: f.remaining,
                    file: None,
                }),
            }),
            Source::OneShot(_) => None,
        }
    }

    /// The bytes, if the stream holds them in memory (without reading anything).
    pub fn as_bytes(&self) -> Option<&Bytes> {
        match &self.source {
            Source::Bytes(b) => Some(b),
            _ => None,
        }
    }

    /// Reads the rest of the stream into memory, asynchronously (the bytes are returned as
    /// they are when the stream holds them already).
    pub async fn collect(mut self) -> io::Result<Bytes> {
        if let Source::Bytes(b) = &mut self.source {
            return Ok(std::mem::take(b));
        }
        let mut out = Vec::with_capacity(initial_capacity(self.len()));
        let mut this = std::pin::pin!(self);
        while let Some(chunk) = std::future::poll_fn(|cx| this.as_mut().poll_next(cx)).await {
            out.extend_from_slice(&chunk?);
        }
        Ok(Bytes::from(out))
    }

    /// Reads the rest of the stream into memory, blocking.
    pub fn collect_blocking(mut self) -> io::Result<Bytes> {
        if let Source::Bytes(b) = &mut self.source {
            return Ok(std::mem::take(b));
        }
        let mut out = Vec::with_capacity(initial_capacity(self.len()));
        self.read_to_end(&mut out)?;
        Ok(Bytes::from(out))
    }

    /// Reads at most `max` bytes of what is left, blocking: an error if the stream holds
    /// more (bodies the client must parse, such as error responses).
    pub fn collect_blocking_at_most(self, max: usize) -> io::Result<Bytes> {
        let mut out = Vec::with_capacity(initial_capacity(self.len()).min(max));
        let n = self.take(max as u64 + 1).read_to_end(&mut out)?;
        if n > max {
            return Err(too_large(max));
        }
        Ok(Bytes::from(out))
    }

    /// As [`ByteStream::collect_blocking_at_most`], asynchronously.
    pub async fn collect_at_most(self, max: usize) -> io::Result<Bytes> {
        let mut out = Vec::with_capacity(initial_capacity(self.len()).min(max));
        let mut this = std::pin::pin!(self);
        while let Some(chunk) = std::future::poll_fn(|cx| this.as_mut().poll_next(cx)).await {
            let chunk = chunk?;
            if out.len() + chunk.len() > max {
                return Err(too_large(max));
            }
            out.extend_from_slice(&chunk);
        }
        Ok(Bytes::from(out))
    }

    /// The next piece of the stream, asynchronously; `None` at its end (the [`Stream`]
    /// without the trait in scope).
    pub async fn next(&mut self) -> Option<io::Result<Bytes>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// The next piece of the stream, blocking; `None` at its end.
    pub fn next_blocking(&mut self) -> Option<io::Result<Bytes>> {
        match &mut self.source {
            Source::Bytes(b) => (!b.is_empty()).then(|| Ok(b.split_to(b.len().min(CHUNK_SIZE)))),
            Source::File(f) => read_chunk(|buf| f.read(buf)).transpose(),
            Source::OneShot(o) => {
                let mut state = lock(&o.state);
                if !state.pending.is_empty() {
                    let chunk = std::mem::take(&mut state.pending);
                    state.read += chunk.len() as u64;
                    return Some(Ok(chunk));
                }
                let next = state.next(None);
                if let Poll::Ready(Some(Ok(chunk))) = &next {
                    state.read += chunk.len() as u64;
                }
                match next {
                    Poll::Ready(next) => next,
                    Poll::Pending => unreachable!("a blocking read never waits"),
                }
            }
        }
    }
}

/// The room reserved for a collected body: its length if known, up to 64 MiB (a length is
/// what a peer claims; the vector grows past it if the body is larger).
fn initial_capacity(len: Option<u64>) -> usize {
    len.unwrap_or(0).min(crate::limits::DEFAULT_MAX_SIZE as u64) as usize
}

fn too_large(max: usize) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("the body is larger than {max} bytes"),
    )
}

fn file_error(path: &Path, what: &str, e: io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("{what} file {}: {e}", path.display()))
}

fn lock(state: &Mutex<OneShotState>) -> MutexGuard<'_, OneShotState> {
    // A panic elsewhere while reading leaves the state as it was: keep going.
    state.lock().unwrap_or_else(|p| p.into_inner())
}

/// Reads one piece of at most [`CHUNK_SIZE`] bytes with `read`; `None` at the end.
fn read_chunk(read: impl FnOnce(&mut [u8]) -> io::Result<usize>) -> io::Result<Option<Bytes>> {
    let mut buf = vec![0; CHUNK_SIZE];
    let n = read(&mut buf)?;
    if n == 0 {
        return Ok(None);
    }
    buf.truncate(n);
    Ok(Some(Bytes::from(buf)))
}

impl FileSource {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.remaining == 0 || buf.is_empty() {
            return Ok(0);
        }
        let file = match &mut self.file {
            Some(file) => file,
            None => {
                let mut file =
                    File::open(&self.path).map_err(|e| file_error(&self.path, "cannot open", e))?;
                file.seek(SeekFrom::Start(self.offset))
                    .map_err(|e| file_error(&self.path, "cannot seek in", e))?;
                self.file.insert(file)
            }
        };
        let want = buf
            .len()
            .min(usize::try_from(self.remaining).unwrap_or(usize::MAX));
        let n = file
            .read(&mut buf[..want])
            .map_err(|e| file_error(&self.path, "cannot read", e))?;
        if n == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!(
                    "file {} ended {} bytes early (it shrank after the stream was made)",
                    self.path.display(),
                    self.remaining
                ),
            ));
        }
        self.offset += n as u64;
        self.remaining -= n as u64;
        Ok(n)
    }
}

impl OneShotState {
    /// The next piece of the source: with `cx`, polled (`Pending` when an async source has
    /// nothing yet); without, read blocking. Checks and encoders run here.
    fn next(&mut self, cx: Option<&mut Context<'_>>) -> Poll<Option<io::Result<Bytes>>> {
        if self.ended {
            return Poll::Ready(None);
        }
        let next = match &mut self.source {
            OneShotSource::Reader(reader) => {
                Poll::Ready(read_chunk(|buf| reader.read(buf)).transpose())
            }
            OneShotSource::Stream(stream) => match cx {
                Some(cx) => stream.as_mut().poll_next(cx),
                None => Poll::Ready(block_on_next(stream)),
            },
            OneShotSource::Checked { inner, check } => {
                let next = match cx {
                    Some(cx) => Pin::new(&mut **inner).poll_next(cx),
                    None => Poll::Ready(inner.next_blocking()),
                };
                match next {
                    Poll::Ready(Some(Ok(chunk))) => {
                        check.update(&chunk);
                        Poll::Ready(Some(Ok(chunk)))
                    }
                    Poll::Ready(None) => match check.finish() {
                        Ok(()) => Poll::Ready(None),
                        Err(e) => Poll::Ready(Some(Err(e))),
                    },
                    other => other,
                }
            }
            OneShotSource::Encoded {
                inner,
                encoder,
                scratch,
                inner_ended,
            } => {
                let mut cx = cx;
                loop {
                    if *inner_ended {
                        break Poll::Ready(None);
                    }
                    let next = match cx.as_deref_mut() {
                        Some(cx) => Pin::new(&mut **inner).poll_next(cx),
                        None => Poll::Ready(inner.next_blocking()),
                    };
                    let result = match next {
                        Poll::Pending => break Poll::Pending,
                        Poll::Ready(Some(Ok(chunk))) => {
                            encoder.encode(&chunk, scratch);
                            Ok(())
                        }
                        Poll::Ready(None) => {
                            *inner_ended = true;
                            encoder.finish(scratch)
                        }
                        Poll::Ready(Some(Err(e))) => Err(e),
                    };
                    if let Err(e) = result {
                        break Poll::Ready(Some(Err(e)));
                    }
                    if !scratch.is_empty() {
                        break Poll::Ready(Some(Ok(Bytes::from(std::mem::take(scratch)))));
                    }
                }
            }
        };
        match &next {
            Poll::Ready(None) => self.ended = true,
            // An error ends the source too: what was read is gone.
            Poll::Ready(Some(Err(_))) => self.ended = true,
            _ => {}
        }
        next
    }
}

/// Waits for the next item of an async stream on this thread.
fn block_on_next(stream: &mut BoxStream) -> Option<io::Result<Bytes>> {
    block_on(std::future::poll_fn(|cx| stream.as_mut().poll_next(cx)))
}

/// Drives a future to completion on the calling thread, parking it while the future waits:
/// how blocking code reads a stream made for the async client, and how the blocking client
/// asks async credentials providers.
pub fn block_on<F: std::future::Future>(future: F) -> F::Output {
    struct Unpark(std::thread::Thread);
    impl std::task::Wake for Unpark {
        fn wake(self: Arc<Self>) {
            self.0.unpark();
        }
        fn wake_by_ref(self: &Arc<Self>) {
            self.0.unpark();
        }
    }
    let waker = std::task::Waker::from(Arc::new(Unpark(std::thread::current())));
    let mut cx = Context::from_waker(&waker);
    let mut future = std::pin::pin!(future);
    loop {
        if let Poll::Ready(v) = future.as_mut().poll(&mut cx) {
            return v;
        }
        std::thread::park();
    }
}

impl Read for ByteStream {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        match &mut self.source {
            Source::Bytes(b) => {
                let n = buf.len().min(b.len());
                buf[..n].copy_from_slice(&b.split_to(n));
                Ok(n)
            }
            Source::File(f) => f.read(buf),
            Source::OneShot(o) => {
                let mut state = lock(&o.state);
                if state.pending.is_empty() {
                    // A plain reader reads straight into the caller's buffer.
                    let state = &mut *state;
                    let n = match &mut state.source {
                        OneShotSource::Reader(reader) if !state.ended => Some(reader.read(buf)),
                        _ => None,
                    };
                    match n {
                        Some(Ok(0)) => {
                            state.ended = true;
                            return Ok(0);
                        }
                        Some(Ok(n)) => {
                            state.read += n as u64;
                            return Ok(n);
                        }
                        Some(Err(e)) if e.kind() == io::ErrorKind::Interrupted => return Err(e),
                        Some(Err(e)) => {
                            state.ended = true;
                            return Err(e);
                        }
                        None => {}
                    }
                    match state.next(None) {
                        Poll::Ready(Some(Ok(chunk))) => state.pending = chunk,
                        Poll::Ready(Some(Err(e))) => return Err(e),
                        Poll::Ready(None) => return Ok(0),
                        Poll::Pending => unreachable!("a blocking read never waits"),
                    }
                }
                let n = buf.len().min(state.pending.len());
                buf[..n].copy_from_slice(&state.pending.split_to(n));
                state.read += n as u64;
                Ok(n)
            }
        }
    }
}

impl Stream for ByteStream {
    type Item = io::Result<Bytes>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        match &mut this.source {
            Source::Bytes(b) => {
                Poll::Ready((!b.is_empty()).then(|| Ok(b.split_to(b.len().min(CHUNK_SIZE)))))
            }
            Source::File(f) => Poll::Ready(read_chunk(|buf| f.read(buf)).transpose()),
            Source::OneShot(o) => {
                let mut state = lock(&o.state);
                if !state.pending.is_empty() {
                    let chunk = std::mem::take(&mut state.pending);
                    state.read += chunk.len() as u64;
                    return Poll::Ready(Some(Ok(chunk)));
                }
                let next = state.next(Some(cx));
                if let Poll::Ready(Some(Ok(chunk))) = &next {
                    state.read += chunk.len() as u64;
                }
                next
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match self.len().and_then(|l| usize::try_from(l).ok()) {
            Some(0) => (0, Some(0)),
            _ => (0, None),
        }
    }
}

impl Default for ByteStream {
    /// An empty body.
    fn default() -> Self {
        ByteStream::new(Bytes::new())
    }
}

impl Clone for ByteStream {
    /// Bytes and files: an independent copy from where this one is. One-shot sources: a
    /// handle to the same source.
    fn clone(&self) -> Self {
        match &self.source {
            Source::OneShot(o) => ByteStream {
                source: Source::OneShot(o.clone()),
            },
            _ => self.try_clone().expect("bytes and files clone"),
        }
    }
}

impl fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match &self.source {
            Source::Bytes(_) => "bytes",
            Source::File(_) => "file",
            Source::OneShot(o) => match lock(&o.state).source {
                OneShotSource::Reader(_) => "reader",
                OneShotSource::Stream(_) => "stream",
                OneShotSource::Checked { .. } => "checked stream",
                OneShotSource::Encoded { .. } => "encoded stream",
            },
        };
        f.debug_struct("ByteStream")
            .field("source", &kind)
            .field("remaining", &self.len())
            .finish()
    }
}

impl From<Bytes> for ByteStream {
    fn from(b: Bytes) -> Self {
        ByteStream::new(b)
    }
}
impl From<Vec<u8>> for ByteStream {
    fn from(v: Vec<u8>) -> Self {
        ByteStream::new(v)
    }
}
impl From<&'static [u8]> for ByteStream {
    fn from(v: &'static [u8]) -> Self {
        ByteStream::from_static(v)
    }
}
impl From<&'static str> for ByteStream {
    fn from(v: &'static str) -> Self {
        ByteStream::from_static(v.as_bytes())
    }
}
impl From<String> for ByteStream {
    fn from(v: String) -> Self {
        ByteStream::new(v)
    }
}
impl From<crate::Blob> for ByteStream {
    fn from(b: crate::Blob) -> Self {
        ByteStream::new(b.into_inner())
    }
}

/// A streaming blob: a REST payload member (`#[aws(payload)]`) whose bytes the client sends
/// and receives as a stream. Inside a JSON, XML or CBOR document it is a blob: its bytes when
/// it holds them in memory, empty otherwise (a file or one-shot source is never read to
/// serialize it); read from one, it holds the bytes read.
impl crate::AwsShape for ByteStream {
    const NAME: &'static str = "ByteStream";
    const KIND: crate::shape::ValueKind = crate::shape::ValueKind::Blob;
    const STREAMING: bool = true;
    fn payload_stream(&self) -> Option<ByteStream> {
        Some(self.clone())
    }
    fn from_payload_stream(stream: ByteStream) -> Option<Self> {
        Some(stream)
    }
    fn serialize<S: crate::ser::Serializer>(&self, s: S) -> S::Ok {
        s.blob(self.as_bytes().map_or(&[][..], |b| &b[..]))
    }
    fn deserialize<D: crate::de::Deserializer>(d: &mut D) -> crate::Result<Self> {
        Ok(ByteStream::from(d.blob()?))
    }
}

/// Fails a body that ends before, or goes past, the length it announced (a `Content-Length`,
/// or the length a reader was given).
#[derive(Debug, Clone)]
pub struct LengthCheck {
    expected: u64,
    seen: u64,
    what: String,
}

impl LengthCheck {
    /// Expects exactly `expected` bytes of `what` (`"the GetObject response body"`), named in
    /// the error.
    pub fn new(expected: u64, what: impl Into<String>) -> Self {
        LengthCheck {
            expected,
            seen: 0,
            what: what.into(),
        }
    }
}

impl BodyCheck for LengthCheck {
    fn update(&mut self, data: &[u8]) {
        self.seen += data.len() as u64;
    }

    fn finish(&mut self) -> io::Result<()> {
        if self.seen < self.expected {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!(
                    "{} ended after {} of the {} bytes announced (cut short)",
                    self.what, self.seen, self.expected
                ),
            ));
        }
        if self.seen > self.expected {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "{} gave {} bytes, more than the {} announced",
                    self.what, self.seen, self.expected
                ),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn poll_all(mut s: ByteStream) -> io::Result<Vec<u8>> {
        let waker = std::task::Waker::noop();
        let mut cx = Context::from_waker(waker);
        let mut out = Vec::new();
        loop {
            match Pin::new(&mut s).poll_next(&mut cx) {
                Poll::Ready(Some(chunk)) => out.extend_from_slice(&chunk?),
                Poll::Ready(None) => return Ok(out),
                Poll::Pending => panic!("no source here waits"),
            }
        }
    }

    fn read_all(mut s: ByteStream) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        s.read_to_end(&mut out)?;
        Ok(out)
    }

    fn data(n: usize) -> Vec<u8> {
        (0..n).map(|i| (i * 7 % 251) as u8).collect()
    }

    #[test]
    fn every_source_reads_the_same_both_ways() {
        let bytes = data(3 * CHUNK_SIZE + 17);
        let dir = std::env::temp_dir().join(format!("awso-bs-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("every_source");
        std::fs::write(&path, &bytes).unwrap();
        let chunks: Vec<io::Result<Bytes>> = bytes
            .chunks(1000)
            .map(|c| Ok(Bytes::copy_from_slice(c)))
            .collect();
        let sources = || {
            vec![
                ByteStream::from(bytes.clone()),
                ByteStream::from_path(&path).unwrap(),
                ByteStream::from_reader(io::Cursor::new(bytes.clone())),
                ByteStream::from_reader_with_length(
                    io::Cursor::new(bytes.clone()),
                    bytes.len() as u64,
                ),
                ByteStream::from_stream(Iter(chunks.iter().map(clone_item).collect())),
            ]
        };
        for s in sources() {
            let debug = format!("{s:?}");
            assert_eq!(read_all(s).unwrap(), bytes, "{debug}");
        }
        for s in sources() {
            let debug = format!("{s:?}");
            assert_eq!(poll_all(s).unwrap(), bytes, "{debug}");
        }
        let part = ByteStream::from_file_range(&path, 10, 100).unwrap();
        assert_eq!(part.len(), Some(100));
        assert_eq!(read_all(part).unwrap(), &bytes[10..110]);
        assert!(ByteStream::from_file_range(&path, 10, bytes.len() as u64).is_err());
        let missing = ByteStream::from_path(dir.join("missing")).unwrap_err();
        assert!(missing.to_string().contains("missing"), "{missing}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    fn clone_item(i: &io::Result<Bytes>) -> io::Result<Bytes> {
        match i {
            Ok(b) => Ok(b.clone()),
            Err(e) => Err(io::Error::new(e.kind(), e.to_string())),
        }
    }

    /// A stream of given items that are ready at once.
    struct Iter(std::collections::VecDeque<io::Result<Bytes>>);

    impl Stream for Iter {
        type Item = io::Result<Bytes>;
        fn poll_next(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Self::Item>> {
            Poll::Ready(self.get_mut().0.pop_front())
        }
    }

    #[test]
    fn clones_of_rereadable_sources_are_independent_and_one_shots_are_shared() {
        let mut s = ByteStream::from(&b"hello world"[..]);
        let mut five = [0; 5];
        s.read_exact(&mut five).unwrap();
        let copy = s.clone();
        assert_eq!(read_all(s).unwrap(), b" world");
        assert_eq!(read_all(copy).unwrap(), b" world");

        let mut once = ByteStream::from_reader(io::Cursor::new(b"abcdef".to_vec()));
        assert!(!once.is_rereadable() && once.try_clone().is_none());
        let shared = once.clone();
        assert!(!shared.is_started());
        once.read_exact(&mut [0; 2]).unwrap();
        assert!(shared.is_started());
        assert_eq!(read_all(shared).unwrap(), b"cdef");
        assert_eq!(read_all(once).unwrap(), b"");
    }

    #[test]
    fn lengths_are_checked_when_the_body_ends() {
        let short = ByteStream::from_reader_with_length(io::Cursor::new(vec![1; 10]), 20);
        assert_eq!(short.len(), Some(20));
        let err = read_all(short).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::UnexpectedEof);
        assert!(err.to_string().contains("10 of the 20"), "{err}");
        let long = ByteStream::from_reader_with_length(io::Cursor::new(vec![1; 30]), 20);
        let err = poll_all(long).unwrap_err();
        assert!(
            err.to_string().contains("30 bytes, more than the 20"),
            "{err}"
        );
        let exact = ByteStream::from_reader_with_length(io::Cursor::new(vec![1; 20]), 20);
        assert_eq!(read_all(exact).unwrap().len(), 20);
    }

    #[test]
    fn errors_of_a_source_reach_the_reader() {
        let items = vec![
            Ok(Bytes::from_static(b"abc")),
            Err(io::Error::new(io::ErrorKind::ConnectionReset, "reset")),
        ];
        let s = ByteStream::from_stream(Iter(items.into()));
        let err = read_all(s).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::ConnectionReset);
    }

    /// Upper-cases and frames each piece as `[...]`, then ends with `!`.
    struct Shout;

    impl BodyEncoder for Shout {
        fn encode(&mut self, data: &[u8], out: &mut Vec<u8>) {
            out.push(b'[');
            out.extend(data.iter().map(u8::to_ascii_uppercase));
            out.push(b']');
        }
        fn finish(&mut self, out: &mut Vec<u8>) -> io::Result<()> {
            out.push(b'!');
            Ok(())
        }
        fn encoded_len(&self, _: u64) -> Option<u64> {
            None
        }
    }

    #[test]
    fn encoders_see_every_piece_and_the_end() {
        let s = ByteStream::from_static(b"abc").encode_with(Shout);
        assert_eq!(read_all(s).unwrap(), b"[ABC]!");
        let s = ByteStream::from_static(b"abc").encode_with(Shout);
        assert_eq!(poll_all(s).unwrap(), b"[ABC]!");
    }

    #[test]
    fn blocking_sources_are_known_under_checks_and_encoders() {
        let dir = std::env::temp_dir().join(format!("awso-bs-blocking-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("file");
        std::fs::write(&path, b"abc").unwrap();
        assert!(ByteStream::from_path(&path).unwrap().reads_blocking());
        assert!(ByteStream::from_path(&path)
            .unwrap()
            .encode_with(Shout)
            .reads_blocking());
        assert!(ByteStream::from_reader_with_length(io::empty(), 0).reads_blocking());
        assert!(!ByteStream::from_static(b"abc")
            .encode_with(Shout)
            .reads_blocking());
        assert!(!ByteStream::from_stream_with_length(Iter(Default::default()), 0).reads_blocking());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn debug_shows_no_content() {
        let s = ByteStream::from_static(b"secret-content");
        let debug = format!("{s:?}");
        assert!(!debug.contains("secret"), "{debug}");
        assert!(debug.contains("14"), "{debug}");
    }

    #[test]
    fn collecting_caps_the_size() {
        let s = ByteStream::from_reader(io::Cursor::new(vec![0; 100]));
        assert!(s.collect_blocking_at_most(99).is_err());
        let s = ByteStream::from_reader(io::Cursor::new(vec![0; 100]));
        assert_eq!(s.collect_blocking_at_most(100).unwrap().len(), 100);
    }
}
