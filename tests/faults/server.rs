//! A loopback HTTP/1.1 server that misbehaves on purpose: each request gets the [`Reply`]
//! a script picks, from a well-formed answer to a reset, a stall or a trickle. It counts
//! the TCP connections it accepts and the requests it reads, and records them.

use std::io;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;

/// A request as the server read it.
#[derive(Debug, Clone)]
pub(crate) struct Recorded {
    pub(crate) method: String,
    /// The request target: path and query, as sent.
    pub(crate) target: String,
    /// Header names lowercased, in order.
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

impl Recorded {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// What the server does with one request.
#[derive(Debug, Clone)]
pub(crate) enum Reply {
    /// A complete answer; the connection stays open for the next request.
    Answer {
        status: u16,
        headers: Vec<(&'static str, String)>,
        body: Vec<u8>,
    },
    /// These bytes as they are, then a normal close (FIN).
    RawThenClose(Vec<u8>),
    /// These bytes (possibly none), then a reset (RST).
    RawThenReset(Vec<u8>),
    /// Nothing, ever: the connection is held open until the server stops.
    Stall,
    /// The head at once, then the body `chunk` bytes at a time with `pause` between.
    Trickle {
        head: Vec<u8>,
        body: Vec<u8>,
        chunk: usize,
        pause: Duration,
    },
}

impl Reply {
    /// `status` with a JSON body and, when given, a `seam-request-id`.
    pub(crate) fn json(status: u16, body: &str, request_id: Option<&str>) -> Reply {
        let mut headers = vec![("content-type", "application/json".to_owned())];
        if let Some(id) = request_id {
            headers.push(("seam-request-id", id.to_owned()));
        }
        Reply::Answer {
            status,
            headers,
            body: body.as_bytes().to_vec(),
        }
    }

    /// Adds a header to an [`Reply::Answer`].
    pub(crate) fn with_header(mut self, name: &'static str, value: &str) -> Reply {
        if let Reply::Answer { headers, .. } = &mut self {
            headers.push((name, value.to_owned()));
        }
        self
    }
}

/// The bytes of a response head: status line and headers, with `content-length` when
/// given.
pub(crate) fn head(
    status: u16,
    headers: &[(&str, &str)],
    content_length: Option<usize>,
) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status} Status\r\n");
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    if let Some(len) = content_length {
        out.push_str(&format!("content-length: {len}\r\n"));
    }
    out.push_str("\r\n");
    out.into_bytes()
}

type Script = dyn Fn(usize, &Recorded) -> Reply + Send + Sync;

/// A running server; it stops when dropped.
pub(crate) struct Server {
    addr: SocketAddr,
    shared: Arc<Shared>,
    task: tokio::task::JoinHandle<()>,
}

struct Shared {
    script: Box<Script>,
    record: bool,
    accepted: AtomicUsize,
    served: AtomicUsize,
    requests: Mutex<Vec<Recorded>>,
    stop: Notify,
}

impl Server {
    /// Starts a server whose `script` picks the reply to the `n`th request (from 0).
    /// Must be called inside a tokio runtime.
    pub(crate) async fn start(
        script: impl Fn(usize, &Recorded) -> Reply + Send + Sync + 'static,
    ) -> Self {
        Self::start_with(script, true).await
    }

    /// Like [`start`](Self::start), but keeps only counts, not the requests (for load).
    pub(crate) async fn start_counting(
        script: impl Fn(usize, &Recorded) -> Reply + Send + Sync + 'static,
    ) -> Self {
        Self::start_with(script, false).await
    }

    async fn start_with(
        script: impl Fn(usize, &Recorded) -> Reply + Send + Sync + 'static,
        record: bool,
    ) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let shared = Arc::new(Shared {
            script: Box::new(script),
            record,
            accepted: AtomicUsize::new(0),
            served: AtomicUsize::new(0),
            requests: Mutex::new(Vec::new()),
            stop: Notify::new(),
        });
        let accept = shared.clone();
        let task = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                accept.accepted.fetch_add(1, Ordering::SeqCst);
                tokio::spawn(serve(stream, accept.clone()));
            }
        });
        Server { addr, shared, task }
    }

    /// `http://127.0.0.1:<port>`.
    pub(crate) fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// TCP connections accepted so far.
    pub(crate) fn accepted(&self) -> usize {
        self.shared.accepted.load(Ordering::SeqCst)
    }

    /// Requests read so far.
    pub(crate) fn served(&self) -> usize {
        self.shared.served.load(Ordering::SeqCst)
    }

    /// The requests read so far, in order (empty for a counting server).
    pub(crate) fn requests(&self) -> Vec<Recorded> {
        self.shared.requests.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
        self.shared.stop.notify_waiters();
    }
}

/// One connection: read a request, reply as scripted, until the peer or the script
/// closes it.
async fn serve(mut stream: TcpStream, shared: Arc<Shared>) {
    let mut buffer = Vec::new();
    loop {
        let request = match read_request(&mut stream, &mut buffer).await {
            Ok(Some(request)) => request,
            Ok(None) | Err(_) => return,
        };
        let n = shared.served.fetch_add(1, Ordering::SeqCst);
        let reply = (shared.script)(n, &request);
        if shared.record {
            shared.requests.lock().unwrap().push(request);
        }
        let keep_open = match reply {
            Reply::Answer {
                status,
                headers,
                body,
            } => {
                let headers: Vec<(&str, &str)> =
                    headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
                let mut bytes = head(status, &headers, Some(body.len()));
                bytes.extend_from_slice(&body);
                stream.write_all(&bytes).await.is_ok()
            }
            Reply::RawThenClose(bytes) => {
                let _ = stream.write_all(&bytes).await;
                let _ = stream.shutdown().await;
                false
            }
            Reply::RawThenReset(bytes) => {
                let _ = stream.write_all(&bytes).await;
                let _ = stream.flush().await;
                let _ = stream.set_zero_linger();
                false
            }
            Reply::Stall => {
                let stopped = shared.stop.notified();
                // Also ends when the client goes away: a read returns 0 or fails.
                let mut sink = [0u8; 64];
                tokio::select! {
                    () = stopped => {}
                    _ = stream.read(&mut sink) => {}
                }
                false
            }
            Reply::Trickle {
                head,
                body,
                chunk,
                pause,
            } => {
                if stream.write_all(&head).await.is_err() {
                    return;
                }
                for piece in body.chunks(chunk.max(1)) {
                    // The pace is the behaviour under test, not synchronisation.
                    tokio::time::sleep(pause).await;
                    if stream.write_all(piece).await.is_err() {
                        return;
                    }
                }
                true
            }
        };
        if !keep_open {
            return;
        }
    }
}

/// Reads one request (head and `content-length` body); `None` at a clean end of stream.
async fn read_request(
    stream: &mut TcpStream,
    buffer: &mut Vec<u8>,
) -> io::Result<Option<Recorded>> {
    let head_end = loop {
        if let Some(at) = find(buffer, b"\r\n\r\n") {
            break at;
        }
        let mut chunk = [0u8; 4096];
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Ok(None);
        }
        buffer.extend_from_slice(&chunk[..n]);
    };
    let text = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let mut lines = text.split("\r\n");
    let mut first = lines.next().unwrap_or_default().split(' ');
    let method = first.next().unwrap_or_default().to_owned();
    let target = first.next().unwrap_or_default().to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let body_start = head_end + 4;
    while buffer.len() < body_start + length {
        let mut chunk = [0u8; 4096];
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Ok(None);
        }
        buffer.extend_from_slice(&chunk[..n]);
    }
    let body = buffer[body_start..body_start + length].to_vec();
    buffer.drain(..body_start + length);
    Ok(Some(Recorded {
        method,
        target,
        headers,
        body,
    }))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
