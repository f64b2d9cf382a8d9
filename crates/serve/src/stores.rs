//! Stores for the request handlers: read connections made by a factory and kept for reuse,
//! and one writer. Every store call runs on the blocking thread pool, so a slow query never
//! holds up the server's event loop, and the server knows nothing of the backend but the
//! [`Store`] trait.

use crate::error::ApiError;
use sitrep_store::{Store, StoreError};
use std::sync::{Arc, Mutex};
use tokio::sync::Semaphore;

/// Makes a store: a new connection to the backend each call.
pub type StoreFactory =
    Arc<dyn Fn() -> Result<Box<dyn Store + Send>, StoreError> + Send + Sync + 'static>;

/// Read connections kept open between requests.
const IDLE_READERS: usize = 8;

pub struct Stores {
    factory: StoreFactory,
    idle: Mutex<Vec<Box<dyn Store + Send>>>,
    writer: Mutex<Option<Box<dyn Store + Send>>>,
    /// Queries running at once; more wait their turn.
    readers: Semaphore,
}

impl Stores {
    pub fn new(factory: StoreFactory, max_readers: usize) -> Self {
        Stores {
            factory,
            idle: Mutex::new(Vec::new()),
            writer: Mutex::new(None),
            readers: Semaphore::new(max_readers.max(1)),
        }
    }

    /// A new connection, for a caller that keeps it (the change feed's follower).
    pub fn open(&self) -> Result<Box<dyn Store + Send>, StoreError> {
        (self.factory)()
    }

    /// Runs `f` with a read connection on the blocking pool.
    pub async fn read<T, F>(self: &Arc<Self>, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&dyn Store) -> Result<T, ApiError> + Send + 'static,
    {
        let _permit = self
            .readers
            .acquire()
            .await
            .map_err(|e| ApiError::Internal(e.to_string()))?;
        let me = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let store = match me.idle.lock().map(|mut v| v.pop()) {
                Ok(Some(s)) => s,
                _ => me.open()?,
            };
            let out = f(store.as_ref());
            if let Ok(mut idle) = me.idle.lock() {
                if idle.len() < IDLE_READERS {
                    idle.push(store);
                }
            }
            out
        })
        .await
        .map_err(|e| ApiError::Internal(format!("a store task failed: {e}")))?
    }

    /// Runs `f` with the writer, one write at a time, on the blocking pool.
    pub async fn write<T, F>(self: &Arc<Self>, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut dyn Store) -> Result<T, ApiError> + Send + 'static,
    {
        let me = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let mut slot = me
                .writer
                .lock()
                .map_err(|_| ApiError::Internal("the writer is poisoned".into()))?;
            if slot.is_none() {
                *slot = Some(me.open()?);
            }
            let store = slot.as_mut().expect("opened above");
            f(store.as_mut())
        })
        .await
        .map_err(|e| ApiError::Internal(format!("a store task failed: {e}")))?
    }
}
