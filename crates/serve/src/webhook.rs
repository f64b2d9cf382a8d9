//! Webhooks: each new or changed event matching a hook's filters is posted to its URL, signed
//! per the Standard Webhooks scheme.
//!
//! A message is `{"type": "event.created" | "event.updated", "timestamp": ..., "seq": ...,
//! "data": StoredEvent}` with the headers `webhook-id` (the same on every attempt),
//! `webhook-timestamp` (seconds since the epoch) and `webhook-signature: v1,<base64 of
//! HMAC-SHA256(key, "{id}.{timestamp}.{body}")>`, where the key is the base64 after `whsec_`
//! in the hook's secret.
//!
//! Each hook follows the change feed on a task of its own ([`crate::feed::Follower`]) and
//! delivers in order; a failed delivery is tried again after a delay that doubles each time,
//! then given up. Ingest never waits for a hook: a hook that is behind reads what it missed
//! from the store.

use crate::error::ApiError;
use crate::feed::Feed;
use crate::stores::Stores;
use base64::Engine;
use hmac::{Hmac, Mac};
use serde::Serialize;
use sitrep_store::{Change, EventFilter};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What `--webhook URL[,FILTERS]` or `POST /api/webhooks` gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookSpec {
    pub url: String,
    /// The filters as query parameters (`kind=drone_strike&country=UA`).
    pub filters: BTreeMap<String, String>,
    /// `whsec_` and base64; made up when not given.
    pub secret: Option<String>,
}

/// When a failed delivery is tried again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retry {
    /// Attempts per message, the first included.
    pub attempts: u32,
    /// The wait after the first failure; it doubles after each further one.
    pub first_delay: Duration,
    pub max_delay: Duration,
    /// How long one attempt may take.
    pub timeout: Duration,
}

impl Default for Retry {
    /// Up to eight attempts over about four minutes.
    fn default() -> Self {
        Retry {
            attempts: 8,
            first_delay: Duration::from_secs(2),
            max_delay: Duration::from_secs(120),
            timeout: Duration::from_secs(10),
        }
    }
}

impl Retry {
    /// The wait before attempt `n + 1` after `n` failures (n >= 1).
    pub fn delay(&self, failures: u32) -> Duration {
        let factor = 1u32
            .checked_shl(failures.saturating_sub(1))
            .unwrap_or(u32::MAX);
        self.first_delay.saturating_mul(factor).min(self.max_delay)
    }
}

/// Parses `URL[,FILTERS]`: the URL, then optionally a comma and the filters as a query
/// string (`https://example.org/hook,kind=drone_strike&country=UA`).
pub fn parse_spec(arg: &str) -> Result<WebhookSpec, String> {
    let (url, filters) = match arg.split_once(',') {
        Some((u, f)) => (u.trim(), f.trim()),
        None => (arg.trim(), ""),
    };
    check_url(url)?;
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(filters)
        .map_err(|e| format!("the filters of webhook {url} do not parse: {e}"))?;
    let filters: BTreeMap<String, String> = pairs.into_iter().collect();
    let spec = WebhookSpec {
        url: url.to_string(),
        filters,
        secret: None,
    };
    filter_of(&spec).map_err(|e| format!("webhook {url}: {e}"))?;
    Ok(spec)
}

fn check_url(url: &str) -> Result<(), String> {
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))
        .ok_or_else(|| format!("webhook URL {url:?} does not start with http:// or https://"))?;
    if rest.is_empty() || rest.starts_with('/') {
        return Err(format!("webhook URL {url:?} has no host"));
    }
    Ok(())
}

/// The checked filter of a hook.
pub fn filter_of(spec: &WebhookSpec) -> Result<EventFilter, ApiError> {
    let query = serde_urlencoded::to_string(&spec.filters)
        .map_err(|e| ApiError::BadRequest(e.to_string()))?;
    let q = crate::params::Query::parse(Some(&query), &crate::params::FILTER_PARAMS[..16], &[])?;
    q.to_filter()
}

/// A webhook secret: `whsec_` then the base64 of the key.
#[derive(Clone)]
pub struct Secret {
    text: String,
    key: Vec<u8>,
}

impl Secret {
    pub fn parse(text: &str) -> Result<Secret, String> {
        let b64 = text.strip_prefix("whsec_").unwrap_or(text);
        let key = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .map_err(|_| "a webhook secret is whsec_ followed by base64".to_string())?;
        if key.len() < 16 {
            return Err("a webhook secret's key must be at least 16 bytes".into());
        }
        Ok(Secret {
            text: format!("whsec_{b64}"),
            key,
        })
    }

    pub fn random() -> Result<Secret, ApiError> {
        let mut key = [0u8; 24];
        getrandom::fill(&mut key).map_err(|e| ApiError::Internal(e.to_string()))?;
        let text = format!(
            "whsec_{}",
            base64::engine::general_purpose::STANDARD.encode(key)
        );
        Ok(Secret {
            text,
            key: key.to_vec(),
        })
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// `v1,` and the base64 HMAC-SHA256 of `{id}.{timestamp}.{body}`.
    pub fn sign(&self, id: &str, timestamp: i64, body: &[u8]) -> String {
        let mut mac =
            Hmac::<sha2::Sha256>::new_from_slice(&self.key).expect("HMAC takes keys of any size");
        mac.update(id.as_bytes());
        mac.update(b".");
        mac.update(timestamp.to_string().as_bytes());
        mac.update(b".");
        mac.update(body);
        format!(
            "v1,{}",
            base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
        )
    }
}

/// What a hook has done, for `GET /api/webhooks`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct HookStatus {
    pub delivered: u64,
    /// Messages given up after every attempt failed.
    pub dropped: u64,
    /// Failed attempts, retried or not.
    pub failed_attempts: u64,
    pub last_error: Option<String>,
    /// The change number of the last message delivered or given up.
    pub last_seq: u64,
}

/// One registered hook.
pub struct Hook {
    pub id: String,
    pub spec: WebhookSpec,
    secret: Secret,
    filter: EventFilter,
    status: Mutex<HookStatus>,
    stop: tokio::sync::watch::Sender<bool>,
}

/// A hook as `GET /api/webhooks` lists it (without its secret).
#[derive(Debug, Clone, Serialize)]
pub struct HookView {
    pub id: String,
    pub url: String,
    pub filters: BTreeMap<String, String>,
    pub status: HookStatus,
}

impl Hook {
    pub fn view(&self) -> HookView {
        HookView {
            id: self.id.clone(),
            url: self.spec.url.clone(),
            filters: self.spec.filters.clone(),
            status: self.status.lock().map(|s| s.clone()).unwrap_or_default(),
        }
    }

    pub fn secret(&self) -> &str {
        self.secret.as_str()
    }
}

/// The registered hooks.
pub struct Webhooks {
    hooks: Mutex<Vec<Arc<Hook>>>,
    retry: Retry,
    agent: ureq::Agent,
}

#[derive(Serialize)]
struct Message<'a> {
    #[serde(rename = "type")]
    kind: String,
    timestamp: String,
    seq: u64,
    data: &'a sitrep_store::StoredEvent,
}

impl Webhooks {
    pub fn new(retry: Retry) -> Self {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(retry.timeout))
            .http_status_as_error(false)
            .user_agent(concat!("sitrep/", env!("CARGO_PKG_VERSION")))
            .build()
            .new_agent();
        Webhooks {
            hooks: Mutex::new(Vec::new()),
            retry,
            agent,
        }
    }

    pub fn list(&self) -> Vec<HookView> {
        self.hooks
            .lock()
            .map(|h| h.iter().map(|h| h.view()).collect())
            .unwrap_or_default()
    }

    /// Registers a hook and starts delivering to it every change after the latest one. Must be
    /// called within the server's runtime.
    pub fn add(
        self: &Arc<Self>,
        spec: WebhookSpec,
        feed: &Feed,
        stores: &Arc<Stores>,
    ) -> Result<Arc<Hook>, ApiError> {
        check_url(&spec.url).map_err(ApiError::BadRequest)?;
        let filter = filter_of(&spec)?;
        let secret = match &spec.secret {
            Some(s) => Secret::parse(s).map_err(ApiError::BadRequest)?,
            None => Secret::random()?,
        };
        let id = format!(
            "wh_{}",
            &crate::auth::random_token().map_err(|e| ApiError::Internal(e.to_string()))?[..16]
        );
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let hook = Arc::new(Hook {
            id,
            spec,
            secret,
            filter,
            status: Mutex::new(HookStatus::default()),
            stop,
        });
        if let Ok(mut hooks) = self.hooks.lock() {
            hooks.push(Arc::clone(&hook));
        }
        let follower = feed.follow(None);
        tokio::spawn(deliver_all(
            Arc::clone(self),
            Arc::clone(&hook),
            follower,
            Arc::clone(stores),
            stopped,
        ));
        Ok(hook)
    }

    /// Unregisters a hook; its task ends. Whether it existed.
    pub fn remove(&self, id: &str) -> bool {
        let Ok(mut hooks) = self.hooks.lock() else {
            return false;
        };
        match hooks.iter().position(|h| h.id == id) {
            Some(i) => {
                let hook = hooks.remove(i);
                let _ = hook.stop.send(true);
                true
            }
            None => false,
        }
    }

    /// Posts one message; `Err` with the reason when it was not accepted (2xx).
    fn post(&self, hook: &Hook, msg_id: &str, body: &[u8]) -> Result<(), String> {
        let timestamp = chrono::Utc::now().timestamp();
        let signature = hook.secret.sign(msg_id, timestamp, body);
        let res = self
            .agent
            .post(&hook.spec.url)
            .header("content-type", "application/json")
            .header("webhook-id", msg_id)
            .header("webhook-timestamp", &timestamp.to_string())
            .header("webhook-signature", &signature)
            .send(body)
            .map_err(|e| e.to_string())?;
        let status = res.status();
        if status.is_success() {
            Ok(())
        } else {
            Err(format!("the receiver answered {status}"))
        }
    }
}

/// A hook's task: every matching change, in order, with retries.
async fn deliver_all(
    hooks: Arc<Webhooks>,
    hook: Arc<Hook>,
    mut follower: crate::feed::Follower,
    stores: Arc<Stores>,
    mut stopped: tokio::sync::watch::Receiver<bool>,
) {
    loop {
        let batch = tokio::select! {
            _ = stopped.changed() => return,
            b = follower.next(&stores) => b,
        };
        let Some(batch) = batch else { return };
        for entry in batch {
            if !hook.filter.matches(&entry.change.event) {
                continue;
            }
            if !deliver(&hooks, &hook, &entry.change, &mut stopped).await {
                return;
            }
        }
    }
}

/// Delivers one change with retries; `false` when the hook was removed meanwhile.
async fn deliver(
    hooks: &Arc<Webhooks>,
    hook: &Arc<Hook>,
    change: &Change,
    stopped: &mut tokio::sync::watch::Receiver<bool>,
) -> bool {
    let msg = Message {
        kind: format!("event.{}", change.kind.as_str()),
        timestamp: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        seq: change.seq,
        data: &change.event,
    };
    let body = match serde_json::to_vec(&msg) {
        Ok(b) => b,
        Err(e) => {
            tracing::error!("webhook {}: {e}", hook.id);
            return true;
        }
    };
    let msg_id = format!("msg_{}_{}", hook.id, change.seq);
    let mut failures = 0;
    loop {
        let (h, k, id, b) = (
            Arc::clone(hooks),
            Arc::clone(hook),
            msg_id.clone(),
            body.clone(),
        );
        let result = tokio::task::spawn_blocking(move || h.post(&k, &id, &b))
            .await
            .unwrap_or_else(|e| Err(e.to_string()));
        // The lock is held only here, never across an await.
        let done = {
            let Ok(mut status) = hook.status.lock() else {
                return true;
            };
            match result {
                Ok(()) => {
                    status.delivered += 1;
                    status.last_seq = change.seq;
                    true
                }
                Err(e) => {
                    failures += 1;
                    status.failed_attempts += 1;
                    tracing::warn!("webhook {} ({}): {e}", hook.id, hook.spec.url);
                    status.last_error = Some(e);
                    if failures >= hooks.retry.attempts {
                        status.dropped += 1;
                        status.last_seq = change.seq;
                        true
                    } else {
                        false
                    }
                }
            }
        };
        if done {
            return true;
        }
        tokio::select! {
            _ = stopped.changed() => return false,
            _ = tokio::time::sleep(hooks.retry.delay(failures)) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_follow_the_standard_webhooks_example() {
        // The example of the Standard Webhooks specification.
        let secret = Secret::parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
        let body = br#"{"test": 2432232314}"#;
        assert_eq!(
            secret.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body),
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
        );
        assert!(Secret::parse("whsec_!!").is_err());
        assert!(Secret::parse("whsec_c2hvcnQ=").is_err());
        let a = Secret::random().unwrap();
        assert!(a.as_str().starts_with("whsec_"));
        assert_eq!(Secret::parse(a.as_str()).unwrap().key, a.key);
    }

    #[test]
    fn specs_take_a_url_and_optional_filters() {
        let s = parse_spec("https://example.org/hook?x=1,kind=drone_strike&country=UA").unwrap();
        assert_eq!(s.url, "https://example.org/hook?x=1");
        assert_eq!(s.filters["kind"], "drone_strike");
        assert_eq!(filter_of(&s).unwrap().country.as_deref(), Some("UA"));
        assert_eq!(parse_spec("http://127.0.0.1:9/h").unwrap().filters.len(), 0);
        assert!(parse_spec("ftp://example.org")
            .unwrap_err()
            .contains("http://"));
        assert!(parse_spec("https://").unwrap_err().contains("no host"));
        assert!(parse_spec("https://x.example,kind=rocket")
            .unwrap_err()
            .contains("kind \"rocket\""));
        assert!(parse_spec("https://x.example,limit=3")
            .unwrap_err()
            .contains("unknown parameter \"limit\""));
    }

    #[test]
    fn delays_double_up_to_the_maximum() {
        let r = Retry {
            attempts: 5,
            first_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(500),
            timeout: Duration::from_secs(1),
        };
        let d: Vec<u128> = (1..=6).map(|n| r.delay(n).as_millis()).collect();
        assert_eq!(d, [100, 200, 400, 500, 500, 500]);
        assert_eq!(r.delay(200), Duration::from_millis(500));
    }
}
