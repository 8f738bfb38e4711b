//! A loopback HTTP/1.1 server that answers with a canned response and keeps the exact bytes
//! of every request it received, so tests can assert what went on the wire.

use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// One request as it arrived.
#[derive(Debug, Clone)]
pub(crate) struct Captured {
    /// The request line and headers, as sent.
    pub(crate) head: String,
    /// The body bytes.
    pub(crate) body: Vec<u8>,
}

impl Captured {
    /// `METHOD /path?query`.
    pub(crate) fn request_line(&self) -> &str {
        self.head
            .lines()
            .next()
            .and_then(|l| l.strip_suffix(" HTTP/1.1"))
            .unwrap_or("")
    }

    /// The value of a header (names compared case-insensitively), if sent once.
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        let mut values = self.head.lines().skip(1).filter_map(|l| {
            let (n, v) = l.split_once(':')?;
            n.eq_ignore_ascii_case(name).then(|| v.trim())
        });
        let first = values.next();
        assert!(values.next().is_none(), "header {name} sent twice");
        first
    }

    /// The header names sent, lower-cased and sorted.
    pub(crate) fn header_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .head
            .lines()
            .skip(1)
            .filter_map(|l| l.split_once(':').map(|(n, _)| n.to_ascii_lowercase()))
            .collect();
        names.sort();
        names
    }
}

/// A server answering every request with `status` and `body`.
pub(crate) struct CaptureServer {
    pub(crate) url: String,
    seen: Arc<Mutex<Vec<Captured>>>,
}

impl CaptureServer {
    /// A client of this server, with the API key the wire tests use.
    pub(crate) fn client(&self) -> seam::Seam {
        seam::Seam::builder()
            .api_key("seam_k")
            .endpoint(&self.url)
            .build()
            .unwrap()
    }

    pub(crate) async fn start(status: u16, content_type: &'static str, body: &'static str) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        tokio::spawn(async move {
            loop {
                let Ok((mut socket, _)) = listener.accept().await else {
                    return;
                };
                let log = log.clone();
                tokio::spawn(async move {
                    loop {
                        let Some(request) = read_request(&mut socket).await else {
                            return;
                        };
                        log.lock().unwrap().push(request);
                        let response = format!(
                            "HTTP/1.1 {status} X\r\ncontent-type: {content_type}\r\nseam-request-id: req_capture\r\ncontent-length: {}\r\n\r\n{body}",
                            body.len()
                        );
                        if socket.write_all(response.as_bytes()).await.is_err() {
                            return;
                        }
                    }
                });
            }
        });
        CaptureServer { url, seen }
    }

    pub(crate) fn requests(&self) -> Vec<Captured> {
        self.seen.lock().unwrap().clone()
    }
}

async fn read_request(socket: &mut tokio::net::TcpStream) -> Option<Captured> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        let n = socket.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8(buf[..head_end].to_vec()).ok()?;
    let length: usize = head
        .lines()
        .filter_map(|l| l.split_once(':'))
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.trim().parse().ok())
        .unwrap_or(0);
    let mut body = buf[head_end + 4..].to_vec();
    while body.len() < length {
        let n = socket.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    Some(Captured { head, body })
}
