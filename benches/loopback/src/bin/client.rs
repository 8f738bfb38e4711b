//! Makes the seed call (`PATCH /acs/credentials/unassign` with `acs_credential_id` and
//! `acs_user_id`) N times against a server on loopback, with `seam` or with hand-written
//! reqwest + serde, one call at a time or many in flight on one client, and prints one
//! JSON line: calls, seconds, calls per second.
//!
//! `bench-client <seam|seam-no-timeout|hand|hand-timeout> <seq|par> <URL> [CALLS=10000] [IN_FLIGHT=64]`
//!
//! 200 calls warm the connection pool first and are not counted. Run it under
//! `/usr/bin/time -v` for its peak memory (`run.py loopback` does).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use seam::acs::credentials;
use seam::prelude::*;
use seam_bench_percall::hand::{self, Ack, HandClient};

const WARM_UP: usize = 200;

#[derive(Clone)]
enum Client {
    Seam(Seam),
    Hand(Arc<HandClient>),
}

impl Client {
    async fn seed_call(&self) {
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
async fn run(client: &Client, calls: usize, in_flight: usize) {
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

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let usage =
        "bench-client <seam|seam-no-timeout|hand|hand-timeout> <seq|par> <URL> [CALLS] [IN_FLIGHT]";
    let (which, mode, url) = match &args[1..] {
        [w, m, u, ..] => (w.as_str(), m.as_str(), u.as_str()),
        _ => panic!("{usage}"),
    };
    let calls: usize = args.get(4).map_or(10_000, |n| n.parse().expect("CALLS"));
    let in_flight: usize = match mode {
        "seq" => 1,
        "par" => args.get(5).map_or(64, |n| n.parse().expect("IN_FLIGHT")),
        _ => panic!("{usage}"),
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    rt.block_on(async {
        let client = match which {
            // `seam-no-timeout`: the client without its default per-attempt timeout, to
            // see what the timer costs.
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
            // `hand-timeout`: the hand-written client with reqwest's own 30 s timeout, the
            // same safety the `seam` client has by default.
            "hand-timeout" => Client::Hand(Arc::new(HandClient::with_base_and_timeout(
                url,
                Some(std::time::Duration::from_secs(30)),
            ))),
            _ => panic!("{usage}"),
        };
        run(&client, WARM_UP, in_flight).await;
        let started = Instant::now();
        run(&client, calls, in_flight).await;
        let secs = started.elapsed().as_secs_f64();
        println!(
            "{}",
            serde_json::json!({
                "impl": which,
                "mode": mode,
                "calls": calls,
                "in_flight": in_flight,
                "secs": secs,
                "calls_per_sec": calls as f64 / secs,
            })
        );
    });
}
