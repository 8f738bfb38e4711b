//! What the loopback binaries share: the two Rust clients making the seed call, and the
//! loop that makes N calls one at a time or many in flight.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use seam::acs::credentials;
use seam::prelude::*;
use seam_bench_percall::hand::{self, Ack, HandClient};

/// Calls that warm a client's connection pool first and are not counted.
pub const WARM_UP: usize = 200;

/// A client making the seed call (`PATCH /acs/credentials/unassign` with
/// `acs_credential_id` and `acs_user_id`).
#[derive(Clone)]
pub enum Client {
    /// The `seam` client.
    Seam(Seam),
    /// Hand-written reqwest + serde.
    Hand(Arc<HandClient>),
}

impl Client {
    /// `seam`, `seam-no-timeout` (the client without its default per-attempt timeout, to
    /// see what the timer costs), `hand`, or `hand-timeout` (the hand-written client with
    /// reqwest's own 30 s timeout, the same safety the `seam` client has by default),
    /// calling `url`. `None` for another name.
    pub fn new(which: &str, url: &str) -> Option<Client> {
        Some(match which {
            "seam" | "seam-no-timeout" => {
                let mut builder = Seam::builder()
                    .api_key(seam_bench_percall::API_KEY)
                    .endpoint(url);
                if which == "seam-no-timeout" {
                    builder = builder.timeout(None);
                }
                Client::Seam(builder.build().expect("a client"))
            }
            "hand" => Client::Hand(Arc::new(HandClient::with_base(url))),
            "hand-timeout" => Client::Hand(Arc::new(HandClient::with_base_and_timeout(
                url,
                Some(Duration::from_secs(30)),
            ))),
            _ => return None,
        })
    }

    /// One seed call, answered `{"ok":true}`.
    pub async fn seed_call(&self) {
        match self {
            Client::Seam(seam) => seam
                .acs()
                .credentials()
                .unassign(credentials::Unassign {
                    acs_credential_id: "66666666-6666-6666-6666-666666666666".into(),
                    acs_user_id: Some("33333333-3333-3333-3333-333333333333".into()),
                    user_identity_id: None,
                })
                .await
                .expect("the seed call"),
            Client::Hand(client) => {
                let params = hand::UnassignParams {
                    acs_credential_id: "66666666-6666-6666-6666-666666666666".into(),
                    acs_user_id: Some("33333333-3333-3333-3333-333333333333".into()),
                    user_identity_id: None,
                };
                let ack: Ack = client
                    .execute(client.unassign(&params))
                    .await
                    .expect("the seed call");
                assert!(ack.ok);
            }
        }
    }
}

/// Makes `calls` calls with `in_flight` tasks sharing the client.
pub async fn run(client: &Client, calls: usize, in_flight: usize) {
    if in_flight <= 1 {
        for _ in 0..calls {
            client.seed_call().await;
        }
        return;
    }
    let next = Arc::new(AtomicUsize::new(0));
    let tasks: Vec<_> = (0..in_flight)
        .map(|_| {
            let client = client.clone();
            let next = next.clone();
            tokio::spawn(async move {
                while next.fetch_add(1, Ordering::Relaxed) < calls {
                    client.seed_call().await;
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.expect("a task");
    }
}
