//! Abuse limits: GCRA rate limits per client address (the `governor` crate),
//! and the one rule that decides who the client is.
//!
//! The client address is the socket peer, unless the peer is a trusted proxy
//! (`TRUSTED_PROXIES`): only then is `X-Forwarded-For` read, from the right,
//! skipping trusted hops, so that a client cannot pick its own address by
//! sending the header. IPv6 clients are limited per /64, the block one
//! subscriber usually holds.

use std::net::{IpAddr, Ipv6Addr};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use actix_web::dev::ServiceRequest;
use actix_web::http::header::HeaderMap;
use actix_web::HttpMessage;
use governor::clock::{Clock, DefaultClock};
use governor::middleware::StateInformationMiddleware;
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota, RateLimiter};
use ipnet::IpNet;

use crate::error::ApiError;

type Keyed<K> = RateLimiter<K, DefaultKeyedStateStore<K>, DefaultClock, StateInformationMiddleware>;

/// Requests allowed per minute and key.
#[derive(Debug, Clone, Copy)]
pub struct RateSettings {
    /// Every endpoint but the health checks, per client address.
    pub public_per_minute: u32,
    /// `/health/live` and `/health/ready`, per client address: an
    /// orchestrator probes a few times a minute.
    pub health_per_minute: u32,
    /// Bulk reads (the snapshot, QR images, change-feed pages by size), in
    /// units per client address and minute.
    pub bulk_per_minute: u32,
    /// Whole snapshot downloads per client address and hour.
    pub snapshots_per_hour: u32,
    /// `POST /v1/auth/token`, per client address.
    pub token_per_minute: u32,
    /// Wrong secrets per client id and minute before 429.
    pub token_failures_per_client_per_minute: u32,
}

impl Default for RateSettings {
    fn default() -> Self {
        Self {
            public_per_minute: 1200,
            health_per_minute: 600,
            bulk_per_minute: 120,
            snapshots_per_hour: 6,
            token_per_minute: 30,
            token_failures_per_client_per_minute: 10,
        }
    }
}

/// The client address of a request, as the limiter counts it: worked out
/// once per request (by `routes::observe`) and read by the limiter and the
/// log line alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddress(pub IpAddr);

/// The parsed `TRUSTED_PROXIES`.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(pub Vec<IpNet>);

/// One named limit: `quota` units per `window` seconds and key, refilled
/// evenly (GCRA), with bursts up to the whole quota.
struct Limit<K: std::hash::Hash + Eq + Clone> {
    name: &'static str,
    quota: u32,
    window: u32,
    limiter: Keyed<K>,
}

impl<K: std::hash::Hash + Eq + Clone> Limit<K> {
    fn new(name: &'static str, per_minute: u32) -> Self {
        Self::per_window(name, per_minute, 60)
    }

    fn per_window(name: &'static str, quota: u32, window: u32) -> Self {
        let quota = quota.max(1);
        let burst = NonZeroU32::new(quota).unwrap_or(NonZeroU32::MIN);
        let period = Duration::from_secs(u64::from(window)) / quota;
        let rule = Quota::with_period(period.max(Duration::from_nanos(1)))
            .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
            .allow_burst(burst);
        Self {
            name,
            quota,
            window,
            limiter: RateLimiter::dashmap(rule).with_middleware::<StateInformationMiddleware>(),
        }
    }

    /// Counts one request of `key`: its remaining quota, or the refusal.
    fn check(&self, key: &K) -> Result<Remaining, ApiError> {
        self.check_n(key, 1)
    }

    /// Counts a request of `key` that costs `cost` units.
    fn check_n(&self, key: &K, cost: u32) -> Result<Remaining, ApiError> {
        let cost = NonZeroU32::new(cost.clamp(1, self.quota)).unwrap_or(NonZeroU32::MIN);
        match self.limiter.check_key_n(key, cost) {
            Ok(Ok(snapshot)) => Ok(Remaining {
                name: self.name,
                quota: self.quota,
                window: self.window,
                remaining: snapshot.remaining_burst_capacity(),
            }),
            Ok(Err(not_until)) => {
                let wait = not_until.wait_time_from(DefaultClock::default().now());
                Err(ApiError::RateLimited {
                    policy: self.name,
                    quota: self.quota,
                    window: self.window,
                    retry_after: wait.as_secs() + u64::from(wait.subsec_nanos() > 0),
                })
            }
            // A cost above the whole quota is clamped above: never here.
            Err(_) => Err(ApiError::RateLimited {
                policy: self.name,
                quota: self.quota,
                window: self.window,
                retry_after: u64::from(self.window),
            }),
        }
    }

    fn forget_idle(&self) {
        self.limiter.retain_recent();
        self.limiter.shrink_to_fit();
    }
}

/// What is left of a limit after a request, for the response's headers.
#[derive(Debug, Clone, Copy)]
pub struct Remaining {
    name: &'static str,
    quota: u32,
    window: u32,
    remaining: u32,
}

impl Remaining {
    /// Adds `RateLimit-Policy` and `RateLimit` (draft-ietf-httpapi-ratelimit-headers).
    pub fn apply(&self, headers: &mut HeaderMap) {
        // GCRA refills evenly: the quota is whole again once the used part has dripped back.
        let used = u64::from(self.quota.saturating_sub(self.remaining));
        let reset = (used * u64::from(self.window)).div_ceil(u64::from(self.quota.max(1)));
        crate::error::rate_limit_headers(headers, self.name, self.quota, self.window, self.remaining, reset);
    }
}

/// The limits of one server, shared by all its workers.
#[derive(Clone)]
pub struct RateLimits(Arc<Inner>);

struct Inner {
    public: Limit<IpAddr>,
    health: Limit<IpAddr>,
    bulk: Limit<IpAddr>,
    snapshots: Limit<IpAddr>,
    token: Limit<IpAddr>,
    token_failures: Limit<String>,
    trusted_proxies: Vec<IpNet>,
}

impl RateLimits {
    /// Limits with `settings`, reading `X-Forwarded-For` only from `trusted_proxies`.
    pub fn new(settings: RateSettings, trusted_proxies: Vec<IpNet>) -> Self {
        Self(Arc::new(Inner {
            public: Limit::new("public", settings.public_per_minute),
            health: Limit::new("health", settings.health_per_minute),
            bulk: Limit::new("bulk", settings.bulk_per_minute),
            snapshots: Limit::per_window("snapshot", settings.snapshots_per_hour, 3600),
            token: Limit::new("token", settings.token_per_minute),
            token_failures: Limit::new("token-client", settings.token_failures_per_client_per_minute),
            trusted_proxies,
        }))
    }

    /// Counts `req` against the limit of its path.
    pub fn check(&self, req: &ServiceRequest) -> Result<Option<Remaining>, ApiError> {
        let path = req.path();
        let Some(address) = self.client_address(req) else {
            return Ok(None);
        };
        let key = limit_key(address);
        if path == "/v1/auth/token" {
            self.0.token.check(&key)
        } else if path.starts_with("/health/") {
            self.0.health.check(&key)
        } else if let Some(cost) = bulk_cost(path, req.query_string()) {
            self.0.bulk.check_n(&key, cost)
        } else {
            self.0.public.check(&key)
        }
        .map(Some)
    }

    /// Counts a whole snapshot download from `req`'s client address (a
    /// conditional request answered 304 is not one).
    pub fn count_snapshot(&self, req: &actix_web::HttpRequest) -> Result<(), ApiError> {
        let Some(address) = req.extensions().get::<ClientAddress>().map(|a| a.0) else {
            return Ok(());
        };
        self.0.snapshots.check(&limit_key(address)).map(|_| ())
    }

    /// Counts a wrong secret for `client_id`: 429 once too many came in a minute.
    pub fn count_failed_secret(&self, client_id: &str) -> Result<(), ApiError> {
        self.0.token_failures.check(&client_id.to_owned()).map(|_| ())
    }

    /// The client's address: the peer, or what a trusted proxy says it
    /// forwarded (worked out once per request by `routes::observe`).
    pub fn client_address(&self, req: &ServiceRequest) -> Option<IpAddr> {
        if let Some(known) = req.extensions().get::<ClientAddress>() {
            return Some(known.0);
        }
        let peer = req.peer_addr()?.ip();
        Some(client_address(peer, req.headers(), &self.0.trusted_proxies))
    }

    /// Forgets keys whose limits have fully recovered, so that memory stays
    /// bounded however many addresses and client ids were seen.
    pub fn forget_idle(&self) {
        self.0.public.forget_idle();
        self.0.health.forget_idle();
        self.0.bulk.forget_idle();
        self.0.snapshots.forget_idle();
        self.0.token.forget_idle();
        self.0.token_failures.forget_idle();
    }

    /// Runs [`RateLimits::forget_idle`] every `every` until the process ends.
    pub fn spawn_cleanup(&self, every: Duration) {
        let limits = self.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            loop {
                tick.tick().await;
                limits.forget_idle();
            }
        });
    }
}

/// What a bulk read costs of the `bulk` policy, if `path` is one: the
/// snapshot and QR images one unit each, a page of the change feed one unit
/// per 100 entries it may hold. Everything else counts against `public`.
fn bulk_cost(path: &str, query: &str) -> Option<u32> {
    if path == "/v1/registry/snapshot" || (path.starts_with("/v1/licenses/") && path.contains("/qr.")) {
        return Some(1);
    }
    if path != "/v1/changes" {
        return None;
    }
    let limit = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("limit="))
        .and_then(|v| v.parse::<u32>().ok())
        .unwrap_or(100);
    Some(limit.clamp(1, 1000).div_ceil(100))
}

/// The client address of a request from `peer` with `headers`.
pub fn client_address(peer: IpAddr, headers: &HeaderMap, trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    // Each proxy appends the address it received from; read from the right
    // and stop at the first hop that is not one of ours. Whatever a client
    // wrote itself stands further left and is never reached; a hop that is
    // not an address ends the walk at the last one that was.
    let mut hops: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    let mut client = peer;
    while let Some(hop) = hops.pop() {
        let Ok(hop) = hop.parse::<IpAddr>() else {
            break;
        };
        client = hop;
        if !is_trusted(&hop) {
            break;
        }
    }
    client
}

/// IPv6 addresses count per /64.
pub fn limit_key(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V4(v4) => IpAddr::V4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
    }
}

/// Reads `TRUSTED_PROXIES`: addresses or CIDR blocks, separated by commas.
pub fn parse_trusted_proxies(list: &str) -> Result<Vec<IpNet>, String> {
    list.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<IpNet>()
                .or_else(|_| s.parse::<IpAddr>().map(IpNet::from))
                .map_err(|_| format!("`{s}` is neither an IP address nor a CIDR block"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::http::header::{HeaderName, HeaderValue};

    fn headers(xff: &[&str]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for v in xff {
            map.append(
                HeaderName::from_static("x-forwarded-for"),
                HeaderValue::from_str(v).unwrap(),
            );
        }
        map
    }

    #[test]
    fn forwarded_for_is_read_only_from_trusted_proxies() {
        let trusted = parse_trusted_proxies("10.0.0.0/8, 192.0.2.1").unwrap();
        let spoofed = headers(&["1.1.1.1"]);
        let stranger: IpAddr = "203.0.113.9".parse().unwrap();
        assert_eq!(client_address(stranger, &spoofed, &trusted), stranger);
        let proxy: IpAddr = "10.1.2.3".parse().unwrap();
        // The client put 1.1.1.1 in front; our proxy appended the real peer.
        let forwarded = headers(&["1.1.1.1, 198.51.100.7, 192.0.2.1"]);
        assert_eq!(
            client_address(proxy, &forwarded, &trusted),
            "198.51.100.7".parse::<IpAddr>().unwrap()
        );
        assert_eq!(client_address(proxy, &headers(&[]), &trusted), proxy);
        assert_eq!(client_address(proxy, &headers(&["not an address"]), &trusted), proxy);
        // Garbage a client wrote in front does not hide the address our proxy saw.
        assert_eq!(
            client_address(proxy, &headers(&["garbage, 198.51.100.8"]), &trusted),
            "198.51.100.8".parse::<IpAddr>().unwrap()
        );
        assert!(parse_trusted_proxies("10.0.0.0/8,nonsense").is_err());
    }

    #[test]
    fn bulk_reads_cost_by_size() {
        assert_eq!(bulk_cost("/v1/changes", "after=5&limit=1000"), Some(10));
        assert_eq!(bulk_cost("/v1/changes", "after=5"), Some(1));
        assert_eq!(bulk_cost("/v1/changes", "limit=150&wait=30"), Some(2));
        assert_eq!(bulk_cost("/v1/registry/snapshot", ""), Some(1));
        assert_eq!(bulk_cost("/v1/licenses/UZ-TK-0123/qr.png", ""), Some(1));
        assert_eq!(bulk_cost("/v1/licenses/UZ-TK-0123", ""), None);
    }

    #[test]
    fn ipv6_counts_per_64() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::2".parse().unwrap();
        let c: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(limit_key(a), limit_key(b));
        assert_ne!(limit_key(a), limit_key(c));
    }

    #[test]
    fn a_limit_refuses_with_a_wait() {
        let limit: Limit<IpAddr> = Limit::new("t", 2);
        let key: IpAddr = "192.0.2.1".parse().unwrap();
        assert!(limit.check(&key).is_ok());
        assert!(limit.check(&key).is_ok());
        match limit.check(&key) {
            Err(ApiError::RateLimited { retry_after, .. }) => assert!((1..=30).contains(&retry_after)),
            other => panic!("expected a refusal, got {other:?}"),
        }
        let hourly: Limit<IpAddr> = Limit::per_window("h", 2, 3600);
        assert!(hourly.check(&key).is_ok() && hourly.check(&key).is_ok());
        match hourly.check(&key) {
            Err(ApiError::RateLimited {
                retry_after, window, ..
            }) => {
                assert_eq!(window, 3600);
                assert!((1700..=1800).contains(&retry_after), "{retry_after}");
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
    }
}
