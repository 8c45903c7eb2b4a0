//! Blocking work of the providers (reading token files and the SSO token cache, running
//! `credential_process`) kept off the executor's threads.

use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Poll, Waker};

/// Where providers do their blocking work.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum BlockingWork {
    /// On the thread that polls the provider: the blocking client's way, whose thread waits
    /// for the answer anyway.
    Inline,
    /// On a thread started for the work, the polling thread free meanwhile: an executor
    /// thread is never blocked, whatever the executor. Providers do such work only when
    /// they fetch credentials (at most a few times an hour behind the cache), so a thread's
    /// start (tens of microseconds) is nothing beside the work.
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
        .name("awso-credentials".into())
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
        assert_eq!(super::super::block_on(work), Some(7));
        assert!(start.elapsed() >= Duration::from_millis(300));
    }

    #[test]
    fn a_panic_in_offloaded_work_is_none_not_a_hang() {
        let answer = super::super::block_on(BlockingWork::Offload.run(|| -> u8 {
            panic!("work failed");
        }));
        assert_eq!(answer, None);
        assert_eq!(
            super::super::block_on(BlockingWork::Inline.run(|| 3)),
            Some(3)
        );
    }
}
