//! Calls of operations whose payload streams ([`ByteStream`] members, `#[aws(payload)]`):
//! what both clients share to send a body that is not in memory and to hand back a response
//! body that is still on the connection.
//!
//! **Requests.** The body is signed as the AWS SDKs sign it:
//!
//! | body | signature | retried |
//! |---|---|---|
//! | bytes or a file | its SHA-256 (read once before sending; a flexible checksum computed in the same pass goes in its header) | yes, from a fresh copy |
//! | one-shot (a reader, an async stream), S3 over HTTPS | `UNSIGNED-PAYLOAD`; with a flexible checksum, `STREAMING-UNSIGNED-PAYLOAD-TRAILER` (aws-chunked, the checksum in a trailer) | only if none of it was read |
//! | one-shot, S3 over plain HTTP | `STREAMING-AWS4-HMAC-SHA256-PAYLOAD` (aws-chunked, every 64 KiB chunk signed); with a checksum, `...-PAYLOAD-TRAILER` (the trailer signed too) | only if none of it was read |
//!
//! A one-shot body must have a known length for S3 (`ByteStream::from_reader_with_length`,
//! `from_stream_with_length`), which refuses uploads without one; other services sign the
//! SHA-256 of the body, which a one-shot body cannot give before it is sent, so they need
//! bytes or a file (operations with `auth(none)` take any body). A retry of a one-shot body
//! that was partly sent is not made: the call fails with the attempt's error, saying so.
//!
//! On the async client that first reading (for a file, or bytes over 64 KiB) and the
//! reading of a file or reader as it is sent happen on a thread of their own
//! ([`BlockingWork::Offload`]), never on an executor thread; a body read as it is sent is at
//! most a few 64 KiB pieces ahead of the transport. The blocking client does both on its
//! calling thread.
//!
//! **Responses.** A successful response of an output with a streaming payload is returned
//! as soon as its head is in: the output's headers are parsed, and its payload member reads
//! the body from the connection, without a size cap. A body that ends before its
//! `Content-Length` is an error of the read that reaches its end (never a short success),
//! and so is a body whose flexible checksum does not match (checked as the stream ends).
//! Error responses (and outputs without a streaming payload) are read whole, within
//! [`awso_runtime::limits::DEFAULT_MAX_SIZE`], and parsed as any other response.

use crate::call::{Prepared, ResponseMetadata, Settings};
use crate::offload::BlockingWork;
use crate::retry::RetryState;
use awso_runtime::aws_chunked::{self, AwsChunked, ChunkSigner};
use awso_runtime::byte_stream::LengthCheck;
use awso_runtime::checksum::{self, ChecksumAlgorithm};
use awso_runtime::operation::{Operation, OperationError, RawResponse};
use awso_runtime::sigv4::{self, Payload, SigningParams};
use awso_runtime::{AwsShape, ByteStream, Error};
use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Whether calls of `O` go through the streaming path (`send_streaming`): its input or its
/// output has a streaming payload member.
pub(crate) fn is_streaming<O: Operation>() -> bool {
    <O::Input as AwsShape>::STREAMING || <O::Output as AwsShape>::STREAMING
}

/// A request body that streams, and how each attempt signs it.
pub(crate) struct StreamedBody {
    /// The input's stream: copied for each attempt (bytes, files) or shared (one-shot).
    stream: ByteStream,
    signing: BodySigning,
}

#[derive(Debug, Clone)]
enum BodySigning {
    /// Bytes or a file not read yet for their SHA-256 and the flexible checksum due, if any
    /// ([`Prepared::hash_body`] does it before the first attempt).
    Unhashed { checksum: Option<ChecksumAlgorithm> },
    /// The SHA-256 of the body, computed before the first attempt.
    Hash(String),
    /// `UNSIGNED-PAYLOAD`.
    Unsigned,
    /// aws-chunked: signed chunks, or unsigned ones with a trailing checksum.
    Chunked {
        signed: bool,
        trailer: Option<ChecksumAlgorithm>,
    },
    /// Sent as it is (an operation sent unsigned).
    Plain,
}

impl StreamedBody {
    /// Decides how `stream`, the payload of an `O` request to `uri` with headers `headers`,
    /// is signed; `checksum` is the flexible checksum due, if any. Bytes and files are left
    /// to [`Prepared::hash_body`] to read for their SHA-256 and that checksum.
    pub(crate) fn prepare<O: Operation>(
        stream: &ByteStream,
        headers: &mut http::HeaderMap,
        uri: &http::Uri,
        checksum: Option<ChecksumAlgorithm>,
    ) -> awso_runtime::Result<Self> {
        if headers.contains_key("content-md5") {
            return Err(Error::message(format!(
                "{}: a streamed body cannot carry the Content-MD5 the operation requires",
                O::NAME
            )));
        }
        if stream.is_rereadable() {
            // Read twice: once before the first attempt for the hashes, once as it is sent.
            return Ok(StreamedBody {
                stream: stream.clone(),
                signing: BodySigning::Unhashed { checksum },
            });
        }
        let signing = if O::NO_AUTH {
            if let Some(algorithm) = checksum {
                return Err(Error::message(format!(
                    "{}: the {} checksum of a one-shot body (a reader or async stream) cannot \
                     be sent unsigned; give the body as bytes or a file",
                    O::NAME,
                    algorithm.name()
                )));
            }
            BodySigning::Plain
        } else if O::SERVICE.signing_name != "s3" {
            return Err(Error::message(format!(
                "{}: {} signs the SHA-256 of the body, which a one-shot body (a reader or \
                 async stream) cannot give before it is sent; give the body as bytes or a file",
                O::NAME,
                O::SERVICE.name
            )));
        } else if stream.len().is_none() {
            return Err(Error::message(format!(
                "{}: S3 needs the length of a streamed body; make it with \
                 ByteStream::from_reader_with_length or from_stream_with_length, or upload it \
                 in parts (multipart upload)",
                O::NAME
            )));
        } else if uri.scheme_str() == Some("https") {
            match checksum {
                Some(trailer) => BodySigning::Chunked {
                    signed: false,
                    trailer: Some(trailer),
                },
                None => BodySigning::Unsigned,
            }
        } else {
            BodySigning::Chunked {
                signed: true,
                trailer: checksum,
            }
        };
        Ok(StreamedBody {
            stream: stream.clone(),
            signing,
        })
    }

    /// Whether the body cannot be sent again: a one-shot source of which something was read.
    pub(crate) fn spent(&self) -> bool {
        self.stream.is_started()
    }

    /// The body of one attempt, with `request`'s headers set and, given `params`, signed.
    pub(crate) fn attempt<O: Operation>(
        &self,
        request: &mut http::Request<()>,
        params: Option<SigningParams<'_>>,
    ) -> awso_runtime::Result<ByteStream> {
        if self.spent() {
            return Err(Error::message(format!(
                "{}: the request body is a one-shot stream (a reader or async stream) that was \
                 partly sent already and cannot be sent again; give it as bytes or a file to \
                 have it retried",
                O::NAME
            )));
        }
        let stream = self.stream.clone();
        let headers = request.headers_mut();
        let set_length = |headers: &mut http::HeaderMap| {
            headers.remove(http::header::TRANSFER_ENCODING);
            match stream.len() {
                Some(len) => {
                    headers.insert(http::header::CONTENT_LENGTH, http::HeaderValue::from(len));
                }
                None => {
                    headers.remove(http::header::CONTENT_LENGTH);
                }
            }
        };
        let payload = match &self.signing {
            BodySigning::Unhashed { .. } => {
                return Err(Error::message(format!(
                    "{}: the request body was not hashed before it was sent",
                    O::NAME
                )))
            }
            BodySigning::Hash(hash) => {
                set_length(headers);
                Payload::Precomputed(hash.clone())
            }
            BodySigning::Unsigned => {
                set_length(headers);
                Payload::Unsigned
            }
            BodySigning::Plain => {
                set_length(headers);
                return Ok(stream);
            }
            BodySigning::Chunked { signed, trailer } => {
                let len = stream.len().expect("checked when prepared");
                aws_chunked::prepare_request(headers, len, *signed, *trailer);
                Payload::Precomputed(
                    aws_chunked::content_sha256(*signed, trailer.is_some()).to_owned(),
                )
            }
        };
        let Some(params) = params else {
            return Ok(stream);
        };
        let params = SigningParams { payload, ..params };
        let output = sigv4::sign_streaming(request, &params)?;
        match &self.signing {
            BodySigning::Chunked {
                signed: true,
                trailer,
            } => {
                let signer = ChunkSigner::new(&params, &output.signature)?;
                Ok(stream.encode_with(AwsChunked::signed(signer, *trailer)))
            }
            BodySigning::Chunked {
                signed: false,
                trailer: Some(trailer),
            } => Ok(stream.encode_with(AwsChunked::unsigned(*trailer))),
            _ => Ok(stream),
        }
    }
}

/// The SHA-256 (hex) of a body and its flexible checksum of `checksum`, reading it through;
/// given up (an error) once `abandoned` is set.
fn hash(
    mut body: ByteStream,
    checksum: Option<ChecksumAlgorithm>,
    abandoned: &AtomicBool,
) -> std::io::Result<(String, Option<String>)> {
    let mut sha256 = sigv4::PayloadHasher::new();
    let mut flexible = checksum.map(ChecksumAlgorithm::hasher);
    let mut buf = vec![0; awso_runtime::byte_stream::CHUNK_SIZE];
    loop {
        if abandoned.load(Ordering::Relaxed) {
            return Err(std::io::Error::other("the call was dropped"));
        }
        let n = match body.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        sha256.update(&buf[..n]);
        if let Some(h) = &mut flexible {
            h.update(&buf[..n]);
        }
    }
    Ok((sha256.finish(), flexible.map(checksum::Hasher::finish)))
}

/// What became of a streamed response.
pub(crate) enum Streamed<O: Operation> {
    /// The output, its payload reading from the connection (or why the head is unreadable).
    Output(Result<(O::Output, ResponseMetadata), OperationError<O::Error>>),
    /// A response to read whole and parse as any other (an error, a redirect, an output
    /// without a streaming payload).
    Buffer(http::Response<ByteStream>),
}

impl Settings {
    /// The output of a successful response of `O` whose output has a streaming payload: the
    /// head parsed now, the body handed to the payload member unread, checked against its
    /// `Content-Length` and flexible checksum as it is read. Anything else is to be read
    /// whole ([`Streamed::Buffer`]).
    pub(crate) fn streamed_output<O: Operation>(
        &self,
        call: &Prepared,
        state: &RetryState,
        response: http::Response<ByteStream>,
    ) -> Streamed<O> {
        if !response.status().is_success() || !<O::Output as AwsShape>::STREAMING {
            return Streamed::Buffer(response);
        }
        let (parts, body) = response.into_parts();
        let metadata = ResponseMetadata::of(
            &parts.headers,
            parts.status.as_u16(),
            state.attempt(),
            &call.invocation_id,
        );
        let mut body = body;
        // A decoded body (a transport that undid a Content-Encoding) is not the length sent.
        let encoded = parts
            .headers
            .get(http::header::CONTENT_ENCODING)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| !v.trim().eq_ignore_ascii_case("identity") && !v.trim().is_empty());
        let length = parts
            .headers
            .get(http::header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok());
        if let (Some(length), false) = (length, encoded) {
            body = body.with_check(LengthCheck::new(
                length,
                format!("the {} response body", O::NAME),
            ));
        }
        if let Some(spec) = O::HTTP_CHECKSUM {
            if let Some(check) = checksum::response_check::<O::Input>(
                spec,
                call.request.headers(),
                parts.status,
                &parts.headers,
            ) {
                body = body.with_check(check);
            }
        }
        let head = http::Response::from_parts(parts, &[][..]);
        Streamed::Output(O::response(head).map(|mut output| {
            output.set_payload_stream(body);
            (output, metadata)
        }))
    }
}

/// A response read whole (within the size cap of parsed bodies): `read` is what reading the
/// body gave.
pub(crate) fn buffered<E>(
    parts: http::response::Parts,
    read: std::io::Result<bytes::Bytes>,
) -> Result<http::Response<Vec<u8>>, OperationError<E>> {
    match read {
        Ok(bytes) => Ok(http::Response::from_parts(parts, Vec::from(bytes))),
        Err(e) if e.kind() == std::io::ErrorKind::InvalidData => Err(OperationError::Response {
            status: parts.status.as_u16(),
            error: Error::io("the response body", &e),
            raw: Box::new(RawResponse {
                status: parts.status.as_u16(),
                headers: parts.headers,
                body: Vec::new(),
            }),
        }),
        Err(e) => Err(crate::call::dispatch_error(Error::io(
            "reading the response body",
            &e,
        ))),
    }
}

/// `error`, the last of a call that would be retried if its one-shot body could be sent
/// again, saying why it is not.
pub(crate) fn not_retried<E>(error: OperationError<E>) -> OperationError<E> {
    let note = "not retried: the request body is a one-shot stream (a reader or async \
                stream) that was partly sent; give it as bytes or a file to have it retried";
    let annotate = |e: Error| match e.kind() {
        awso_runtime::ErrorKind::Io { kind, .. } => {
            Error::io(&e.to_string(), &std::io::Error::new(*kind, note))
        }
        _ => Error::message(format!("{e}; {note}")),
    };
    match error {
        OperationError::Dispatch(e) => OperationError::Dispatch(annotate(e)),
        OperationError::Timeout(e) => OperationError::Timeout(annotate(e)),
        other => other,
    }
}

impl Prepared {
    /// Whether the call's body cannot be sent again (a one-shot stream partly sent).
    pub(crate) fn body_spent(&self) -> bool {
        self.body.as_ref().is_some_and(StreamedBody::spent)
    }

    /// Reads a body of bytes or a file once, for its SHA-256 and the flexible checksum due
    /// (set in its header), where `work` says; bytes of at most 64 KiB on this thread
    /// whatever it says (a thread's start would cost more). Nothing to do for any other
    /// body, or one read already. Dropping the future stops the reading at its next piece.
    pub(crate) async fn hash_body<O: Operation>(
        &mut self,
        work: BlockingWork,
    ) -> awso_runtime::Result<()> {
        let Some(body) = &mut self.body else {
            return Ok(());
        };
        let BodySigning::Unhashed { checksum } = body.signing else {
            return Ok(());
        };
        let Some(copy) = body.stream.try_clone() else {
            return Err(Error::message(format!(
                "{}: a one-shot request body cannot be hashed before it is sent",
                O::NAME
            )));
        };
        let small = copy
            .as_bytes()
            .is_some_and(|b| b.len() <= awso_runtime::byte_stream::CHUNK_SIZE);
        let work = if small { BlockingWork::Inline } else { work };
        /// Tells the reading to stop when the call is dropped before it ends.
        struct Abandon(Arc<AtomicBool>);
        impl Drop for Abandon {
            fn drop(&mut self) {
                self.0.store(true, Ordering::Relaxed);
            }
        }
        let abandon = Abandon(Arc::new(AtomicBool::new(false)));
        let flag = abandon.0.clone();
        let hashed = work.run(move || hash(copy, checksum, &flag)).await;
        drop(abandon);
        let what = format!("the {} request body", O::NAME);
        let (sha256, value) = hashed
            .ok_or_else(|| Error::message(format!("{what}: hashing stopped without an answer")))?
            .map_err(|e| Error::io(&what, &e))?;
        if let (Some(algorithm), Some(value)) = (checksum, value) {
            self.request.headers_mut().insert(
                algorithm.header(),
                http::HeaderValue::from_str(&value).expect("base64 is a header value"),
            );
        }
        body.signing = if O::NO_AUTH {
            BodySigning::Plain
        } else {
            BodySigning::Hash(sha256)
        };
        Ok(())
    }
}
