//! Per-call CPU cost of `seam` against hand-written reqwest + serde (`src/hand.rs`).
//!
//! Every benchmark id is `<group>/<case>/<seam|hand>`; each pair does the same work to the
//! same end state, checked once before anything is timed:
//!
//! - `build/*`: params to a request. `seam.send(params)` encodes at once (the params, the
//!   URL, the headers) and is dropped unsent; the floor builds a `reqwest::Request`.
//! - `call/*`: a whole call with the network stood in for. The client's `Transport` is
//!   `Canned`, which turns the request into a `reqwest::Request` as `ReqwestTransport` does
//!   and answers a canned body; the floor builds its `reqwest::Request` and decodes the same
//!   body. On a current-thread runtime, as the client's own `.await`.
//! - `decode/*`: decoding alone: the runtime's envelope decoder (compiled into this crate
//!   from `runtime/src/envelope.rs`) against `serde_json::from_slice` into a hand-written
//!   envelope struct holding the typed list.
//!
//! Run one with `cargo bench -p seam-bench-percall -- --exact call/devices/seam`;
//! `python3 benches/run.py percall` runs each pair alternately and prints the ratios.

use std::hint::black_box;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use seam::models::{AcsUser, Device};
use seam_bench_percall::cases::Cases;
use seam_bench_percall::hand::HandClient;
use seam_bench_percall::{
    AcsUsersEnvelope, DevicesEnvelope, fixtures, hand, runtime, runtime_decode, seam_client,
};
use seam_runtime::{BoxFuture, HttpRequest, ReqwestTransport, Transport, TransportError};

/// Keeps the last request it saw, for the check that both sides send the same bytes.
#[derive(Debug, Clone)]
struct Capture {
    body: Bytes,
    last: Arc<Mutex<Option<reqwest::Request>>>,
}

impl Transport for Capture {
    fn send(
        &self,
        request: HttpRequest,
    ) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>> {
        let request = ReqwestTransport::to_reqwest(request);
        *self.last.lock().unwrap() = Some(request);
        Box::pin(std::future::ready(Ok(http::Response::new(
            self.body.clone(),
        ))))
    }
}

/// Method, URL, headers (sorted) and body: what goes on the wire.
type Wire = (String, String, Vec<(String, Vec<u8>)>, Vec<u8>);

/// The [`Wire`] of `request`.
fn wire(request: &reqwest::Request) -> Wire {
    let mut headers: Vec<(String, Vec<u8>)> = request
        .headers()
        .iter()
        .map(|(n, v)| (n.as_str().to_owned(), v.as_bytes().to_vec()))
        .collect();
    headers.sort();
    let body = request
        .body()
        .and_then(|b| b.as_bytes())
        .unwrap_or_default()
        .to_vec();
    (
        request.method().to_string(),
        request.url().to_string(),
        headers,
        body,
    )
}

/// What the client sends for `params`, through the public API.
fn seam_wire<E: seam_runtime::Endpoint>(params: E, answer: &str) -> reqwest::Request {
    let capture = Capture {
        body: Bytes::copy_from_slice(answer.as_bytes()),
        last: Arc::default(),
    };
    let seam = seam_client(capture.clone());
    runtime()
        .block_on(async { seam.send(params).await })
        .unwrap_or_else(|e| panic!("the call fails: {e}"));
    capture.last.lock().unwrap().take().expect("a request")
}

/// Both sides send the same bytes and decode the same values, or nothing is timed.
fn check_same_work() {
    let hand = HandClient::new();
    let pairs = [
        (
            seam_wire(fixtures::seed(), r#"{"ok":true}"#),
            hand.unassign(&hand::seed()),
        ),
        (
            seam_wire(fixtures::get10(), r#"{"ok":true,"devices":[]}"#),
            hand.list_devices(&hand::get10()),
        ),
        (
            seam_wire(fixtures::list_acs_users(), r#"{"ok":true,"acs_users":[]}"#),
            hand.list_acs_users(1000),
        ),
    ];
    for (seam, hand) in &pairs {
        assert_eq!(
            wire(seam),
            wire(hand),
            "the two sides send different requests"
        );
    }
    let users = Bytes::from(fixtures::acs_users_body(1000));
    let devices = Bytes::from(fixtures::devices_body(1000));
    let a: Vec<AcsUser> = runtime_decode(&users, "acs_users").expect("users decode");
    let b: AcsUsersEnvelope = serde_json::from_slice(&users).expect("users decode");
    assert!(a.len() == 1000 && a == b.acs_users);
    let a: Vec<Device> = runtime_decode(&devices, "devices").expect("devices decode");
    let b: DevicesEnvelope = serde_json::from_slice(&devices).expect("devices decode");
    assert!(a.len() == 1000 && a == b.devices);
    eprintln!(
        "same requests and values on both sides; bodies: acs_users {} bytes, devices {} bytes",
        users.len(),
        devices.len()
    );
}

/// One criterion benchmark per case and side, params made in the untimed setup and
/// dropped inside the timed routine on both sides.
fn cases(c: &mut Criterion) {
    let k = Cases::new();
    let small = BatchSize::SmallInput;
    let large = BatchSize::LargeInput;
    c.bench_function("build/seed/seam", |b| {
        b.iter_batched(|| k.seed.clone(), |p| k.build_seed_seam(p), small)
    });
    c.bench_function("build/seed/hand", |b| {
        b.iter_batched(|| k.hand_seed.clone(), |p| k.build_seed_hand(p), small)
    });
    c.bench_function("build/get10/seam", |b| {
        b.iter_batched(|| k.get10.clone(), |p| k.build_get10_seam(p), small)
    });
    c.bench_function("build/get10/hand", |b| {
        b.iter_batched(|| k.hand_get10.clone(), |p| k.build_get10_hand(p), small)
    });
    c.bench_function("call/seed/seam", |b| {
        b.iter_batched(|| k.seed.clone(), |p| k.call_seed_seam(p), small)
    });
    c.bench_function("call/seed/hand", |b| {
        b.iter_batched(|| k.hand_seed.clone(), |p| k.call_seed_hand(p), small)
    });
    c.bench_function("call/get10/seam", |b| {
        b.iter_batched(|| k.get10.clone(), |p| k.call_get10_seam(p), small)
    });
    c.bench_function("call/get10/hand", |b| {
        b.iter_batched(|| k.hand_get10.clone(), |p| k.call_get10_hand(p), small)
    });
    c.bench_function("call/acs_users/seam", |b| {
        b.iter_batched(|| k.list_users.clone(), |p| k.call_acs_users_seam(p), large)
    });
    c.bench_function("call/acs_users/hand", |b| {
        b.iter_batched(|| black_box(1000), |p| k.call_acs_users_hand(p), large)
    });
    c.bench_function("call/devices/seam", |b| {
        b.iter_batched(|| k.list_devices.clone(), |p| k.call_devices_seam(p), large)
    });
    c.bench_function("call/devices/hand", |b| {
        b.iter_batched(
            || k.hand_list_devices.clone(),
            |p| k.call_devices_hand(p),
            large,
        )
    });
    c.bench_function("decode/acs_users/seam", |b| {
        b.iter(|| k.decode_acs_users_seam())
    });
    c.bench_function("decode/acs_users/hand", |b| {
        b.iter(|| k.decode_acs_users_hand())
    });
    c.bench_function("decode/devices/seam", |b| {
        b.iter(|| k.decode_devices_seam())
    });
    c.bench_function("decode/devices/hand", |b| {
        b.iter(|| k.decode_devices_hand())
    });
}

fn checked(c: &mut Criterion) {
    check_same_work();
    cases(c);
}

criterion_group!(benches, checked);
criterion_main!(benches);
