//! How providers send their own requests: an object-safe HTTP client over either kind of
//! transport, usable as the [`Transport`] of an internal async client.

use super::BoxFuture;
use crate::transport::{Sleep, Transport};
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

/// Sends one request for a provider (STS, SSO, a metadata endpoint).
pub trait HttpClient: Send + Sync + fmt::Debug {
    /// Sends `request` and reads the whole response.
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> BoxFuture<'static, awso_runtime::Result<http::Response<Vec<u8>>>>;
}

/// A shared [`HttpClient`]; it is also a [`Transport`].
#[derive(Clone, Debug)]
pub struct SharedHttp(Arc<dyn HttpClient>);

impl SharedHttp {
    /// Shares `client`.
    pub fn new(client: impl HttpClient + 'static) -> Self {
        SharedHttp(Arc::new(client))
    }
}

impl Transport for SharedHttp {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> impl std::future::Future<Output = awso_runtime::Result<http::Response<Vec<u8>>>> + Send
    {
        self.0.send(request)
    }
}

/// A blocking transport as an [`HttpClient`]: the request is sent, blocking the thread, when
/// the future is polled (for the blocking client, which drives providers on its thread).
#[derive(Clone, Debug)]
pub struct BlockingHttp<T>(pub T);

impl<T> HttpClient for BlockingHttp<T>
where
    T: crate::blocking::Transport + Clone + Send + Sync + fmt::Debug + 'static,
{
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> BoxFuture<'static, awso_runtime::Result<http::Response<Vec<u8>>>> {
        let transport = self.0.clone();
        Box::pin(async move { transport.send(request) })
    }
}

/// An async transport as an [`HttpClient`].
#[derive(Clone, Debug)]
pub struct AsyncHttp<T>(pub T);

impl<T> HttpClient for AsyncHttp<T>
where
    T: Transport + Clone + fmt::Debug + 'static,
{
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> BoxFuture<'static, awso_runtime::Result<http::Response<Vec<u8>>>> {
        let transport = self.0.clone();
        Box::pin(async move { transport.send(request).await })
    }
}

/// Sleeps by blocking the thread when polled: the blocking client's providers.
#[cfg(feature = "ureq")]
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct ThreadSleep;

#[cfg(feature = "ureq")]
impl Sleep for ThreadSleep {
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        Box::pin(async move { std::thread::sleep(duration) })
    }
}

/// A shared sleep as a [`Sleep`].
#[derive(Clone, Debug)]
pub(crate) struct SharedSleep(pub(crate) Arc<dyn Sleep>);

impl Sleep for SharedSleep {
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        self.0.sleep(duration)
    }
}

/// A request to a metadata endpoint, answered within `timeout`: its status and body, or
/// `Err` when the endpoint did not answer.
pub(crate) async fn metadata_request(
    http: &SharedHttp,
    request: http::Request<Vec<u8>>,
    timeout: Duration,
) -> Result<(u16, Vec<u8>), awso_runtime::Error> {
    let mut request = request;
    request
        .extensions_mut()
        .insert(crate::transport::AttemptTimeout(timeout));
    let response = Transport::send(http, request).await?;
    Ok((response.status().as_u16(), response.into_body()))
}

/// A failed call of a provider's own (STS, SSO, SSO OIDC) in words that never quote the
/// response: the service's error code and message, the HTTP status of an answer that is not
/// the service's, or why no answer came. (The body of an answer that is not the service's
/// could carry anything, a token included.)
pub(crate) fn call_error<E: awso_runtime::AwsError>(
    e: &awso_runtime::operation::OperationError<E>,
) -> String {
    use awso_runtime::operation::OperationError;
    match e {
        OperationError::Service { error, status, .. } => match error.message() {
            Some(message) => format!("{}: {message} (HTTP {status})", error.code()),
            None => format!("{} (HTTP {status})", error.code()),
        },
        OperationError::Response { status, .. } => {
            format!("an answer that is not the service's (HTTP {status})")
        }
        other => other.to_string(),
    }
}
