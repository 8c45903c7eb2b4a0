//! Caching credentials that expire: reused until a few minutes before their expiry, fetched
//! once when several callers need them at the same moment, and kept, while they still
//! work, when a refresh fails.
//!
//! Credentials that come with less than twice the margin left (a `credential_process` that
//! hands out ten-minute keys) are reused for the first half of their life instead, so that
//! every call does not fetch again.

use super::{BoxFuture, CredentialsError, ExpiringCredentials, ProvideCredentials};
use crate::call::Clock;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Poll, Waker};
use std::time::{Duration, SystemTime};

/// Credentials are refreshed this long before they expire.
pub const REFRESH_MARGIN: Duration = Duration::from_secs(5 * 60);

/// A cache over a provider (see the module documentation).
#[derive(Debug)]
pub struct CachedProvider {
    inner: Arc<dyn ProvideCredentials>,
    clock: Arc<dyn Clock>,
    margin: Duration,
    state: Arc<Mutex<State>>,
}

#[derive(Debug, Default)]
struct State {
    cached: Option<ExpiringCredentials>,
    /// When `cached` was fetched.
    fetched_at: Option<SystemTime>,
    refreshing: bool,
    /// Counts finished refreshes; waiters wake when it moves.
    generation: u64,
    last_error: Option<CredentialsError>,
    waiters: Vec<Waker>,
}

fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    state.lock().unwrap_or_else(|e| e.into_inner())
}

/// Ends a refresh (also when the refreshing future is dropped) and wakes the waiters.
struct RefreshGuard<'a>(&'a Mutex<State>);

impl Drop for RefreshGuard<'_> {
    fn drop(&mut self) {
        let mut s = lock(self.0);
        s.refreshing = false;
        s.generation += 1;
        for w in s.waiters.drain(..) {
            w.wake();
        }
    }
}

impl CachedProvider {
    /// Caches `inner`'s credentials, judging expiry by `clock`.
    pub fn new(inner: Arc<dyn ProvideCredentials>, clock: Arc<dyn Clock>) -> Self {
        CachedProvider {
            inner,
            clock,
            margin: REFRESH_MARGIN,
            state: Arc::default(),
        }
    }

    /// Refreshes `margin` before expiry instead of [`REFRESH_MARGIN`].
    pub fn with_margin(mut self, margin: Duration) -> Self {
        self.margin = margin;
        self
    }

    /// Whether `c`, fetched at `fetched`, is still used without asking again: until the
    /// margin before its expiry, or half its life when that is shorter.
    fn fresh(&self, c: &ExpiringCredentials, fetched: SystemTime, now: SystemTime) -> bool {
        let Some(expiry) = c.expiry else { return true };
        let life = expiry.duration_since(fetched).unwrap_or_default();
        now + self.margin.min(life / 2) < expiry
    }
}

fn unexpired(c: &Option<ExpiringCredentials>, now: SystemTime) -> Option<ExpiringCredentials> {
    c.as_ref()
        .filter(|c| c.expiry.is_none_or(|e| now < e))
        .cloned()
}

enum Next {
    Wait(u64),
    Refresh,
}

impl ProvideCredentials for CachedProvider {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<ExpiringCredentials, CredentialsError>> {
        Box::pin(async move {
            let mut waited_on: Option<u64> = None;
            loop {
                let next = {
                    let mut s = lock(&self.state);
                    let now = self.clock.now();
                    let fetched = s.fetched_at.unwrap_or(now);
                    if let Some(c) = s.cached.as_ref().filter(|c| self.fresh(c, fetched, now)) {
                        return Ok(c.clone());
                    }
                    if waited_on.is_some_and(|g| g != s.generation) {
                        // The refresh we waited for is over: its result, good or bad.
                        if let Some(c) = unexpired(&s.cached, now) {
                            return Ok(c);
                        }
                        if let Some(e) = &s.last_error {
                            return Err(e.clone());
                        }
                    }
                    if s.refreshing {
                        Next::Wait(s.generation)
                    } else {
                        s.refreshing = true;
                        Next::Refresh
                    }
                };
                match next {
                    Next::Wait(generation) => {
                        waited_on = Some(generation);
                        std::future::poll_fn(|cx| {
                            let mut s = lock(&self.state);
                            if s.generation != generation {
                                Poll::Ready(())
                            } else {
                                s.waiters.push(cx.waker().clone());
                                Poll::Pending
                            }
                        })
                        .await;
                    }
                    Next::Refresh => {
                        let guard = RefreshGuard(&self.state);
                        let result = self.inner.provide_credentials().await;
                        let now = self.clock.now();
                        let answer = {
                            let mut s = lock(&self.state);
                            match result {
                                Ok(c) => {
                                    s.cached = Some(c.clone());
                                    s.fetched_at = Some(now);
                                    s.last_error = None;
                                    Ok(c)
                                }
                                Err(e) => match unexpired(&s.cached, now) {
                                    // Still valid: keep signing with them.
                                    Some(c) => {
                                        #[cfg(feature = "tracing")]
                                        tracing::warn!(error = %e, "awso: credentials refresh failed; using unexpired credentials");
                                        Ok(c)
                                    }
                                    None => {
                                        s.last_error = Some(e.clone());
                                        Err(e)
                                    }
                                },
                            }
                        };
                        drop(guard);
                        return answer;
                    }
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::{block_on, Credentials};
    use super::*;
    use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};
    use std::time::Instant;

    #[derive(Debug, Default)]
    struct FakeClock(AtomicU64);
    impl Clock for Arc<FakeClock> {
        fn now(&self) -> SystemTime {
            SystemTime::UNIX_EPOCH + Duration::from_secs(self.0.load(Ordering::SeqCst))
        }
    }

    /// Answers with credentials valid for `life` seconds from the fake clock, or fails when
    /// told, counting calls. With a gate, an answer waits until that many other callers
    /// wait on the cache (or five seconds), so that they surely overlap.
    #[derive(Debug)]
    struct Counting {
        calls: AtomicU32,
        fail: AtomicBool,
        life: AtomicU64,
        clock: Arc<FakeClock>,
        gate: Mutex<Option<(Arc<Mutex<State>>, usize)>>,
    }

    impl ProvideCredentials for Counting {
        fn provide_credentials(
            &self,
        ) -> BoxFuture<'_, Result<ExpiringCredentials, CredentialsError>> {
            Box::pin(async move {
                let n = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
                let gate = self.gate.lock().unwrap().clone();
                if let Some((state, others)) = gate {
                    let start = Instant::now();
                    while lock(&state).waiters.len() < others
                        && start.elapsed() < Duration::from_secs(5)
                    {
                        std::thread::sleep(Duration::from_millis(1));
                    }
                }
                if self.fail.load(Ordering::SeqCst) {
                    return Err(CredentialsError::failed("test", "down"));
                }
                let life = Duration::from_secs(self.life.load(Ordering::SeqCst));
                Ok(ExpiringCredentials::new(
                    Credentials::new(format!("AKID{n}"), "s", None),
                    Some(self.clock.now() + life),
                    "test",
                ))
            })
        }
    }

    fn setup() -> (Arc<FakeClock>, Arc<Counting>, Arc<CachedProvider>) {
        let clock = Arc::new(FakeClock(AtomicU64::new(1_000_000)));
        let inner = Arc::new(Counting {
            calls: AtomicU32::new(0),
            fail: AtomicBool::new(false),
            life: AtomicU64::new(3600),
            clock: clock.clone(),
            gate: Mutex::new(None),
        });
        let cache = Arc::new(CachedProvider::new(inner.clone(), Arc::new(clock.clone())));
        (clock, inner, cache)
    }

    fn key(cache: &CachedProvider) -> Result<String, CredentialsError> {
        block_on(cache.provide_credentials()).map(|c| c.credentials.access_key_id)
    }

    /// `callers` threads asking at once, the refresh held until the others all wait.
    fn at_once(
        inner: &Counting,
        cache: &Arc<CachedProvider>,
        callers: usize,
    ) -> Vec<Result<String, CredentialsError>> {
        *inner.gate.lock().unwrap() = Some((cache.state.clone(), callers - 1));
        let threads: Vec<_> = (0..callers)
            .map(|_| {
                let cache = cache.clone();
                std::thread::spawn(move || key(&cache))
            })
            .collect();
        let answers = threads.into_iter().map(|t| t.join().unwrap()).collect();
        *inner.gate.lock().unwrap() = None;
        answers
    }

    #[test]
    fn cache_reuses_until_the_margin_then_refreshes() {
        let (clock, inner, cache) = setup();
        assert_eq!(key(&cache).unwrap(), "AKID1");
        clock.0.fetch_add(3600 - 301, Ordering::SeqCst);
        assert_eq!(key(&cache).unwrap(), "AKID1");
        clock.0.fetch_add(2, Ordering::SeqCst);
        assert_eq!(key(&cache).unwrap(), "AKID2");
        assert_eq!(inner.calls.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn short_lived_credentials_are_reused_for_half_their_life() {
        let (clock, inner, cache) = setup();
        inner.life.store(240, Ordering::SeqCst); // less than the 5-minute margin
        assert_eq!(key(&cache).unwrap(), "AKID1");
        clock.0.fetch_add(119, Ordering::SeqCst);
        assert_eq!(key(&cache).unwrap(), "AKID1");
        clock.0.fetch_add(2, Ordering::SeqCst);
        assert_eq!(key(&cache).unwrap(), "AKID2");
        assert_eq!(inner.calls.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn cache_refreshes_once_for_many_concurrent_callers() {
        let (clock, inner, cache) = setup();
        let answers = at_once(&inner, &cache, 32);
        assert!(answers.iter().all(|a| a.as_deref() == Ok("AKID1")));
        assert_eq!(inner.calls.load(Ordering::SeqCst), 1);
        // Again when they are due: one more call for all of them.
        clock.0.fetch_add(3600 - 299, Ordering::SeqCst);
        let answers = at_once(&inner, &cache, 32);
        assert!(answers.iter().all(|a| a.as_deref() == Ok("AKID2")));
        assert_eq!(inner.calls.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn cache_keeps_unexpired_credentials_when_a_refresh_fails() {
        let (clock, inner, cache) = setup();
        assert_eq!(key(&cache).unwrap(), "AKID1");
        inner.fail.store(true, Ordering::SeqCst);
        clock.0.fetch_add(3600 - 60, Ordering::SeqCst);
        // Due for a refresh, which fails: the keys still work for a minute, so they stay,
        // for every caller waiting on that refresh too.
        let answers = at_once(&inner, &cache, 8);
        assert!(
            answers.iter().all(|a| a.as_deref() == Ok("AKID1")),
            "{answers:?}"
        );
        assert_eq!(inner.calls.load(Ordering::SeqCst), 2);
        clock.0.fetch_add(61, Ordering::SeqCst);
        let err = key(&cache).unwrap_err();
        assert!(err.to_string().contains("test: down"), "{err}");
        inner.fail.store(false, Ordering::SeqCst);
        assert_eq!(key(&cache).unwrap(), "AKID4");
    }

    #[test]
    fn concurrent_callers_share_a_failure() {
        let (_clock, inner, cache) = setup();
        inner.fail.store(true, Ordering::SeqCst);
        let answers = at_once(&inner, &cache, 16);
        assert!(answers
            .iter()
            .all(|a| a.as_ref().is_err_and(|e| e.to_string().contains("down"))));
        assert_eq!(inner.calls.load(Ordering::SeqCst), 1);
    }
}
