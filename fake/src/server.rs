//! The HTTP side: the route table built from the facade's endpoint declarations, the one
//! axum handler that records, authenticates and dispatches every request, and the
//! background thread that serves it.

use std::collections::{HashMap, VecDeque};
use std::io;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State as AxumState};
use axum::response::Response;
use bytes::Bytes;
use http::header::{CONTENT_TYPE, HeaderValue};
use http::{HeaderMap, StatusCode};
use seam::{Endpoint, Method};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use tokio::sync::watch;

use crate::RecordedRequest;
use crate::decode::{self, Params};
use crate::error::FakeError;
use crate::routes::{Args, Reply};
use crate::state::State;

/// The largest request body the fake reads.
const MAX_BODY: usize = 16 << 20;

/// How long a shutdown waits for open connections to finish before it drops them.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// Who is calling: the workspace the credentials act in.
#[derive(Debug, Clone)]
pub(crate) struct Auth {
    pub(crate) workspace_id: String,
}

/// A route's handler, as the table stores it: params in, the success envelope out.
type Handler = Box<
    dyn Fn(&mut State, &Auth, Params<'_>) -> Result<Map<String, Value>, FakeError> + Send + Sync,
>;

/// What a route module writes: the handler of one endpoint.
pub(crate) type HandlerFn = fn(&mut State, &Auth, Args) -> Result<Reply, FakeError>;

struct Route {
    method: Method,
    handler: Handler,
}

/// The route table: one entry per path, each built from an [`Endpoint`] declaration.
#[derive(Default)]
pub(crate) struct Routes(HashMap<&'static str, Route>);

impl Routes {
    /// Serves `E` with `handler`: at `E::PATH`, for `E::METHOD` and `POST`, with params
    /// decoded into `E` (a failure is `invalid_input`) and the payload put under
    /// `E::RESPONSE_KEY`, so the fake reads exactly what the client's declaration sends
    /// and answers under the key it expects.
    pub(crate) fn route<E: Endpoint + DeserializeOwned>(&mut self, handler: HandlerFn) {
        let handler: Handler = Box::new(move |state, auth, params| {
            let params: E = decode::decode(params)?;
            let reply = handler(state, auth, Args::of(&params))?;
            let mut envelope = Map::new();
            envelope.insert("ok".into(), Value::Bool(true));
            if let Some(key) = E::RESPONSE_KEY {
                let payload = reply.payload.ok_or_else(|| {
                    FakeError::new(
                        StatusCode::INTERNAL_SERVER_ERROR,
                        "internal_server_error",
                        format!("the fake has no `{key}` to answer {} with", E::PATH),
                    )
                })?;
                envelope.insert(key.into(), payload);
            }
            for (key, value) in reply.extra {
                envelope.insert(key.into(), value);
            }
            Ok(envelope)
        });
        let previous = self.0.insert(
            E::PATH,
            Route {
                method: E::METHOD,
                handler,
            },
        );
        assert!(previous.is_none(), "{} is routed twice", E::PATH);
    }

    /// The paths served, sorted.
    pub(crate) fn paths(&self) -> Vec<&'static str> {
        let mut paths: Vec<_> = self.0.keys().copied().collect();
        paths.sort_unstable();
        paths
    }
}

/// A canned answer for the next request to a path.
#[derive(Debug, Clone)]
pub(crate) struct Canned {
    pub(crate) status: StatusCode,
    pub(crate) content_type: String,
    pub(crate) body: Bytes,
}

/// What the server and the [`FakeSeam`](crate::FakeSeam) handle share.
pub(crate) struct Shared {
    routes: Routes,
    inner: Mutex<Inner>,
}

/// The mutable part of [`Shared`], behind one lock.
pub(crate) struct Inner {
    pub(crate) state: State,
    pub(crate) requests: Vec<RecordedRequest>,
    pub(crate) canned: HashMap<String, VecDeque<Canned>>,
    last_request_id: u64,
}

impl Shared {
    pub(crate) fn new(routes: Routes, state: State) -> Self {
        Shared {
            routes,
            inner: Mutex::new(Inner {
                state,
                requests: Vec::new(),
                canned: HashMap::new(),
                last_request_id: 0,
            }),
        }
    }

    /// The lock, even after a panic elsewhere: the data stays usable for assertions.
    pub(crate) fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn routes(&self) -> &Routes {
        &self.routes
    }
}

/// The server thread, stopped and joined on drop.
#[derive(Debug)]
pub(crate) struct ServerThread {
    stop: watch::Sender<bool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl ServerThread {
    /// Serves `shared` on `listener` from a new thread with its own tokio runtime.
    pub(crate) fn spawn(listener: std::net::TcpListener, shared: Arc<Shared>) -> io::Result<Self> {
        listener.set_nonblocking(true)?;
        let (stop, stopped) = watch::channel(false);
        let (ready_tx, ready_rx) = std::sync::mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("seam-fake".to_owned())
            .spawn(move || {
                let runtime = match tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                {
                    Ok(runtime) => runtime,
                    Err(e) => {
                        let _ = ready_tx.send(Err(e));
                        return;
                    }
                };
                runtime.block_on(serve(listener, shared, stopped, ready_tx));
            })?;
        let server = ServerThread {
            stop,
            thread: Some(thread),
        };
        match ready_rx.recv() {
            Ok(Ok(())) => Ok(server),
            Ok(Err(e)) => Err(e),
            Err(_) => Err(io::Error::other(
                "the fake's server thread stopped while starting",
            )),
        }
    }
}

impl Drop for ServerThread {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
        if let Some(thread) = self.thread.take() {
            // The thread ends once open connections close (at most `SHUTDOWN_GRACE`).
            let _ = thread.join();
        }
    }
}

async fn serve(
    listener: std::net::TcpListener,
    shared: Arc<Shared>,
    stopped: watch::Receiver<bool>,
    ready: std::sync::mpsc::Sender<io::Result<()>>,
) {
    let listener = match tokio::net::TcpListener::from_std(listener) {
        Ok(listener) => listener,
        Err(e) => {
            let _ = ready.send(Err(e));
            return;
        }
    };
    let _ = ready.send(Ok(()));
    let app = Router::new().fallback(handle).with_state(shared);
    let mut graceful = stopped.clone();
    let server = axum::serve(listener, app).with_graceful_shutdown(async move {
        // A dropped sender is a stop too.
        let _ = graceful.wait_for(|&stop| stop).await;
    });
    let mut deadline = stopped;
    tokio::select! {
        _ = server => {}
        () = async move {
            let _ = deadline.wait_for(|&stop| stop).await;
            tokio::time::sleep(SHUTDOWN_GRACE).await;
        } => {}
    }
}

/// Every request: read it whole, then answer it under the lock.
async fn handle(AxumState(shared): AxumState<Arc<Shared>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let (body, unreadable) = match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(body) => (body, false),
        Err(_) => (Bytes::new(), true),
    };
    let recorded = RecordedRequest {
        method: parts.method.as_str().to_owned(),
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().map(str::to_owned),
        headers: parts
            .headers
            .iter()
            .map(|(name, value)| {
                (
                    name.as_str().to_owned(),
                    String::from_utf8_lossy(value.as_bytes()).into_owned(),
                )
            })
            .collect(),
        body,
    };
    answer(&shared, recorded, unreadable)
}

/// Records `request` and answers it: with a canned answer for its path if one is queued,
/// else through the route table.
fn answer(shared: &Shared, request: RecordedRequest, unreadable: bool) -> Response {
    let mut inner = shared.lock();
    inner.last_request_id += 1;
    let request_id = format!("req_{}", inner.last_request_id);
    inner.requests.push(request.clone());

    if let Some(canned) = inner
        .canned
        .get_mut(&request.path)
        .and_then(VecDeque::pop_front)
    {
        let content_type = HeaderValue::from_str(&canned.content_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream"));
        return respond(canned.status, content_type, &request_id, canned.body);
    }

    let result = if unreadable {
        Err(FakeError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            format!("The body could not be read or is over {MAX_BODY} bytes"),
        ))
    } else {
        dispatch(&shared.routes, &mut inner.state, &request)
    };
    match result {
        Ok(envelope) => json_response(StatusCode::OK, &request_id, &Value::Object(envelope)),
        Err(e) => {
            let mut response = json_response(e.status, &request_id, &e.to_body(&request_id));
            if e.status == StatusCode::METHOD_NOT_ALLOWED
                && let Some(route) = shared.routes.0.get(request.path.as_str())
            {
                let allow = match route.method {
                    Method::Post => HeaderValue::from_static("POST"),
                    Method::Get => HeaderValue::from_static("GET, POST"),
                    Method::Put => HeaderValue::from_static("PUT, POST"),
                    Method::Patch => HeaderValue::from_static("PATCH, POST"),
                    Method::Delete => HeaderValue::from_static("DELETE, POST"),
                };
                response.headers_mut().insert(http::header::ALLOW, allow);
            }
            response
        }
    }
}

/// Route, method, auth, params, handler: the answer's payload or the first error.
fn dispatch(
    routes: &Routes,
    state: &mut State,
    request: &RecordedRequest,
) -> Result<Map<String, Value>, FakeError> {
    let Some(route) = routes.0.get(request.path.as_str()) else {
        return Err(FakeError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("No route for {} {}", request.method, request.path),
        ));
    };
    if request.method != "POST" && request.method != route.method.as_str() {
        return Err(FakeError::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
            format!("{} does not accept {}", request.path, request.method),
        ));
    }
    let auth = authenticate(state, request).ok_or_else(FakeError::unauthorized)?;
    let params = if request.method == "GET" || request.method == "DELETE" {
        Params::Query(request.query.as_deref().unwrap_or(""))
    } else {
        Params::Json(&request.body)
    };
    (route.handler)(state, &auth, params)
}

/// `authorization: Bearer <token>` (with `seam-workspace` for a personal access token).
fn authenticate(state: &State, request: &RecordedRequest) -> Option<Auth> {
    let authorization = request.header("authorization")?;
    let (scheme, token) = authorization.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("bearer") {
        return None;
    }
    let workspace = state.workspace_for(token.trim(), request.header("seam-workspace"))?;
    Some(Auth {
        workspace_id: workspace.to_owned(),
    })
}

fn json_response(status: StatusCode, request_id: &str, body: &Value) -> Response {
    let body = serde_json::to_vec(body).unwrap_or_default();
    respond(
        status,
        HeaderValue::from_static("application/json"),
        request_id,
        Bytes::from(body),
    )
}

fn respond(
    status: StatusCode,
    content_type: HeaderValue,
    request_id: &str,
    body: Bytes,
) -> Response {
    let mut headers = HeaderMap::new();
    headers.insert(CONTENT_TYPE, content_type);
    if let Ok(id) = HeaderValue::from_str(request_id) {
        headers.insert("seam-request-id", id);
    }
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    *response.headers_mut() = headers;
    response
}
