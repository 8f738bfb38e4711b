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
use http::header::{CONTENT_TYPE, HeaderValue, RETRY_AFTER};
use http::{HeaderMap, StatusCode};
use seam::{Endpoint, Method};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};
use tokio::sync::watch;

use crate::RecordedRequest;
use crate::auth::{self, Auth, Caller};
use crate::decode::{self, Params};
use crate::error::FakeError;
use crate::faults::{Fault, Faults};
use crate::routes::{Args, Reply};
use crate::state::State;

/// The largest request body the fake reads.
const MAX_BODY: usize = 16 << 20;

/// How long a shutdown waits for open connections to finish before it drops them.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// A route's handler, as the table stores it: params in, the success envelope out.
type Handler = Box<
    dyn Fn(&mut State, &Caller, Params<'_>) -> Result<Map<String, Value>, FakeError> + Send + Sync,
>;

/// What a route module writes for a route that acts in a workspace (most of them).
pub(crate) type HandlerFn = fn(&mut State, &Auth, Args) -> Result<Reply, FakeError>;

/// What a route module writes for a route that may be called outside any workspace
/// (`/workspaces/list`, `/workspaces/create`).
pub(crate) type CallerHandlerFn = fn(&mut State, &Caller, Args) -> Result<Reply, FakeError>;

struct Route {
    method: Method,
    handler: Handler,
}

/// The route table: one entry per path, each built from an [`Endpoint`] declaration.
#[derive(Default)]
pub(crate) struct Routes(HashMap<&'static str, Route>);

impl Routes {
    /// Serves `E` with `handler`: at `E::PATH`, for `E::METHOD` and `POST`, for the auth
    /// modes `E`'s declaration accepts, acting in the caller's workspace, with params
    /// decoded into `E` (a failure is `invalid_input`) and the payload put under
    /// `E::RESPONSE_KEY`, so the fake reads exactly what the client's declaration sends
    /// and answers under the key it expects.
    pub(crate) fn route<E: Endpoint + DeserializeOwned>(&mut self, handler: HandlerFn) {
        self.insert::<E>(move |state, caller, args| handler(state, &caller.in_workspace()?, args));
    }

    /// Like [`route`](Self::route), for a route whose caller may act in no workspace.
    pub(crate) fn route_for_caller<E: Endpoint + DeserializeOwned>(
        &mut self,
        handler: CallerHandlerFn,
    ) {
        self.insert::<E>(handler);
    }

    fn insert<E: Endpoint + DeserializeOwned>(
        &mut self,
        handler: impl Fn(&mut State, &Caller, Args) -> Result<Reply, FakeError> + Send + Sync + 'static,
    ) {
        let handler: Handler = Box::new(move |state, caller, params| {
            if !auth::accepts(E::META, caller.mode) {
                return Err(auth::unauthorized(&format!(
                    "{} does not accept {}",
                    E::PATH,
                    caller.mode.describe()
                )));
            }
            let params: E = decode::decode(params)?;
            let args = Args::of(&params);
            let reply = handler(state, caller, args.clone())?;
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
            if let Some(pagination) = envelope.get_mut("pagination") {
                finish_pagination(state, E::PATH, &args, pagination);
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

/// Fills `next_page_url` (the same request at the next cursor), after handing back the
/// request's own cursor when the test asked `path` to repeat cursors.
fn finish_pagination(state: &State, path: &str, args: &Args, pagination: &mut Value) {
    if state.switches.repeat_cursor.contains(path)
        && let Some(cursor) = args.str("page_cursor")
    {
        *pagination = json!({"has_next_page": true, "next_page_cursor": cursor});
    }
    let next = pagination
        .get("next_page_cursor")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let url = next.and_then(|cursor| {
        let mut params = args.clone().into_map();
        params.insert("page_cursor".into(), Value::String(cursor));
        let query = seam_runtime::query::to_string(&params).ok()?;
        Some(format!("{}{path}?{query}", state.base_url))
    });
    if let Some(object) = pagination.as_object_mut() {
        object.insert(
            "next_page_url".into(),
            url.map_or(Value::Null, Value::String),
        );
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
    /// Turns `true` when the fake stops: stalled requests stop waiting.
    stopping: watch::Receiver<bool>,
}

/// The mutable part of [`Shared`], behind one lock.
pub(crate) struct Inner {
    pub(crate) state: State,
    pub(crate) requests: Vec<RecordedRequest>,
    pub(crate) canned: HashMap<String, VecDeque<Canned>>,
    pub(crate) faults: Faults,
    last_request_id: u64,
}

impl Shared {
    pub(crate) fn new(routes: Routes, state: State, stopping: watch::Receiver<bool>) -> Self {
        Shared {
            routes,
            inner: Mutex::new(Inner {
                state,
                requests: Vec::new(),
                canned: HashMap::new(),
                faults: Faults::default(),
                last_request_id: 0,
            }),
            stopping,
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
    /// Serves `shared` on `listener` from a new thread with its own tokio runtime, until
    /// `stop` turns `true` (or is dropped).
    pub(crate) fn spawn(
        listener: std::net::TcpListener,
        shared: Arc<Shared>,
        stop: watch::Sender<bool>,
    ) -> io::Result<Self> {
        listener.set_nonblocking(true)?;
        let stopped = stop.subscribe();
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

/// Every request: read it whole, record it, then answer it under the lock (after a
/// stall, if one is queued for its path).
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
    let (request_id, stall) = match arrive(&shared, &recorded) {
        Arrival::Answered(response) => return response,
        Arrival::Route { request_id, stall } => (request_id, stall),
    };
    if let Some(duration) = stall {
        let mut stopping = shared.stopping.clone();
        tokio::select! {
            () = tokio::time::sleep(duration) => {}
            _ = stopping.wait_for(|&stop| stop) => {}
        }
    }
    answer(&shared, &recorded, &request_id, unreadable)
}

/// What happens to a request once recorded.
enum Arrival {
    /// A canned answer or a fault's status.
    Answered(Response),
    /// On to the route table, maybe after a stall.
    Route {
        request_id: String,
        stall: Option<Duration>,
    },
}

/// Records `request`, gives it a request id, and answers it with a canned answer or a
/// fault queued for its path, if there is one.
fn arrive(shared: &Shared, request: &RecordedRequest) -> Arrival {
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
        return Arrival::Answered(respond(
            canned.status,
            content_type,
            &request_id,
            canned.body,
        ));
    }
    match inner.faults.take(&request.path) {
        None => Arrival::Route {
            request_id,
            stall: None,
        },
        Some(Fault::Stall(duration)) => Arrival::Route {
            request_id,
            stall: Some(duration),
        },
        Some(Fault::Status {
            status,
            retry_after,
        }) => {
            let (error_type, message) = Fault::error(status);
            let error = FakeError::new(status, error_type, message);
            let mut response = json_response(status, &request_id, &error.to_body(&request_id));
            if let Some(seconds) = retry_after {
                response
                    .headers_mut()
                    .insert(RETRY_AFTER, HeaderValue::from(seconds));
            }
            Arrival::Answered(response)
        }
    }
}

/// Answers `request` through the route table.
fn answer(
    shared: &Shared,
    request: &RecordedRequest,
    request_id: &str,
    unreadable: bool,
) -> Response {
    let mut inner = shared.lock();
    let result = if unreadable {
        Err(FakeError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            format!("The body could not be read or is over {MAX_BODY} bytes"),
        ))
    } else {
        dispatch(&shared.routes, &mut inner.state, request)
    };
    match result {
        Ok(envelope) => json_response(StatusCode::OK, request_id, &Value::Object(envelope)),
        Err(e) => {
            let mut response = json_response(e.status, request_id, &e.to_body(request_id));
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
    let caller = auth::authenticate(state, request)?;
    let params = if request.method == "GET" || request.method == "DELETE" {
        Params::Query(request.query.as_deref().unwrap_or(""))
    } else {
        Params::Json(&request.body)
    };
    (route.handler)(state, &caller, params)
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
