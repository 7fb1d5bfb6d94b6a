//! Settings of the server and the support CLI, read from the environment.

use std::net::SocketAddr;
use std::path::PathBuf;

pub const DEFAULT_DB: &str = "surrealkv://data/izkt";
pub const DEFAULT_ADDR: &str = "127.0.0.1:3000";

#[derive(Debug, Clone)]
pub struct Config {
    /// SurrealDB URL: `surrealkv://path`, `mem://`, `ws://host:port`.
    pub db_url: String,
    pub addr: SocketAddr,
    /// Base of the links in e-mails, without a trailing slash.
    pub public_url: String,
    /// `smtp://host:port` (or `smtps://user:pass@host`), when e-mail is sent.
    pub smtp_url: Option<String>,
    pub mail_from: String,
    /// HTTP gateway for SMS, when SMS is sent.
    pub sms_url: Option<String>,
    pub sms_token: Option<String>,
    /// Credentials for a SurrealDB server (ignored by the embedded engines).
    pub db_user: Option<String>,
    pub db_pass: Option<String>,
    /// The local socket the CLI hands commands to the running server over.
    pub socket_path: PathBuf,
    /// Whether the session cookie is marked `Secure` (always, unless turned
    /// off for a plain-HTTP test deployment on another host).
    pub secure_cookies: bool,
    /// Reverse proxies / load balancers whose `X-Forwarded-For` is believed
    /// (for the per-address rate limits and the audit log).
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("IZKT_ADDR: «{0}» is not an address like 127.0.0.1:3000")]
    Addr(String),
    #[error("IZKT_PUBLIC_URL: «{0}» must start with http:// or https://")]
    PublicUrl(String),
    #[error("IZKT_TRUSTED_PROXIES: «{0}» is not an IP address")]
    Proxy(String),
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        let db_url = var("IZKT_DB").unwrap_or_else(|| DEFAULT_DB.to_string());
        let addr_text = var("IZKT_ADDR").unwrap_or_else(|| DEFAULT_ADDR.to_string());
        let addr: SocketAddr = addr_text.parse().map_err(|_| ConfigError::Addr(addr_text.clone()))?;
        let public_url =
            var("IZKT_PUBLIC_URL").unwrap_or_else(|| format!("http://{addr}")).trim_end_matches('/').to_string();
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            return Err(ConfigError::PublicUrl(public_url));
        }
        let socket_path = var("IZKT_SOCKET").map(PathBuf::from).unwrap_or_else(|| default_socket(&db_url));
        let trusted_proxies = var("IZKT_TRUSTED_PROXIES")
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| s.parse().map_err(|_| ConfigError::Proxy(s.to_string())))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self {
            db_url,
            addr,
            public_url,
            smtp_url: var("IZKT_SMTP_URL"),
            mail_from: var("IZKT_MAIL_FROM").unwrap_or_else(|| "ИЗКТ <noreply@izkt.local>".to_string()),
            sms_url: var("IZKT_SMS_URL"),
            sms_token: var("IZKT_SMS_TOKEN"),
            db_user: var("IZKT_DB_USER"),
            db_pass: var("IZKT_DB_PASS"),
            socket_path,
            secure_cookies: var("IZKT_INSECURE_COOKIES").is_none(),
            trusted_proxies,
        })
    }

    /// A configuration for tests: in-memory database, no delivery.
    pub fn for_tests() -> Self {
        Self {
            db_url: "mem://".into(),
            addr: ([127, 0, 0, 1], 0).into(),
            public_url: "http://127.0.0.1:3000".into(),
            smtp_url: None,
            mail_from: "ИЗКТ <noreply@izkt.local>".into(),
            sms_url: None,
            sms_token: None,
            db_user: None,
            db_pass: None,
            socket_path: std::env::temp_dir().join("izkt-test.sock"),
            secure_cookies: true,
            trusted_proxies: Vec::new(),
        }
    }

    /// The client's address: the peer, or — when the peer is a trusted
    /// proxy — the last address in `X-Forwarded-For` that is not one.
    pub fn client_ip(&self, peer: std::net::IpAddr, headers: &http::HeaderMap) -> std::net::IpAddr {
        if !self.trusted_proxies.contains(&peer) {
            return peer;
        }
        let forwarded: Vec<std::net::IpAddr> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|s| s.trim().parse().ok())
            .collect();
        forwarded.into_iter().rev().find(|ip| !self.trusted_proxies.contains(ip)).unwrap_or(peer)
    }

    /// Whether the database can be opened by one process only (the embedded
    /// engines), so that the CLI must hand commands to a running server.
    pub fn is_embedded(&self) -> bool {
        self.db_url.starts_with("surrealkv:") || self.db_url.starts_with("mem:") || self.db_url == "memory"
    }
}

/// The socket lives next to the data of an embedded database, in `data/`
/// otherwise.
fn default_socket(db_url: &str) -> PathBuf {
    if let Some(path) = db_url.strip_prefix("surrealkv://") {
        let path = path.split('?').next().unwrap_or(path);
        let parent = std::path::Path::new(path).parent().map(PathBuf::from).unwrap_or_default();
        let dir = if parent.as_os_str().is_empty() { PathBuf::from(".") } else { parent };
        return dir.join("izkt.sock");
    }
    PathBuf::from("data/izkt.sock")
}

/// The URL given to SurrealDB: for SurrealKV, sync to disk on every commit
/// unless the URL says otherwise.
pub fn durable_url(db_url: &str) -> String {
    if db_url.starts_with("surrealkv:") && !db_url.contains("sync=") {
        let sep = if db_url.contains('?') { '&' } else { '?' };
        format!("{db_url}{sep}sync=every")
    } else {
        db_url.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surrealkv_syncs_on_every_commit_by_default() {
        assert_eq!(durable_url("surrealkv://data/izkt"), "surrealkv://data/izkt?sync=every");
        assert_eq!(
            durable_url("surrealkv://data/izkt?versioned=true"),
            "surrealkv://data/izkt?versioned=true&sync=every"
        );
        assert_eq!(durable_url("surrealkv://data/izkt?sync=1s"), "surrealkv://data/izkt?sync=1s");
        assert_eq!(durable_url("mem://"), "mem://");
        assert_eq!(durable_url("ws://127.0.0.1:8000"), "ws://127.0.0.1:8000");
    }

    #[test]
    fn client_address_behind_a_trusted_proxy() {
        let mut config = Config::for_tests();
        let proxy: std::net::IpAddr = [10, 0, 0, 1].into();
        let mut headers = http::HeaderMap::new();
        headers.insert("x-forwarded-for", http::HeaderValue::from_static("1.2.3.4, 5.6.7.8"));
        // Not trusted: the peer it is.
        assert_eq!(config.client_ip(proxy, &headers), proxy);
        config.trusted_proxies = vec![proxy];
        assert_eq!(config.client_ip(proxy, &headers), std::net::IpAddr::from([5, 6, 7, 8]));
        // A client that is not the proxy cannot pick its address.
        assert_eq!(config.client_ip([9, 9, 9, 9].into(), &headers), std::net::IpAddr::from([9, 9, 9, 9]));
    }

    #[test]
    fn socket_next_to_the_data() {
        assert_eq!(default_socket("surrealkv://data/izkt"), PathBuf::from("data/izkt.sock"));
        assert_eq!(default_socket("surrealkv:///var/lib/izkt/db?sync=every"), PathBuf::from("/var/lib/izkt/izkt.sock"));
        assert_eq!(default_socket("surrealkv://izkt"), PathBuf::from("./izkt.sock"));
        assert_eq!(default_socket("mem://"), PathBuf::from("data/izkt.sock"));
    }
}
