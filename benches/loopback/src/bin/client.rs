//! Makes the seed call (`PATCH /acs/credentials/unassign` with `acs_credential_id` and
//! `acs_user_id`) N times against a server on loopback, with `seam` or with hand-written
//! reqwest + serde, one call at a time or many in flight on one client, and prints one
//! JSON line: calls, seconds, calls per second.
//!
//! `bench-client <seam|seam-no-timeout|hand|hand-timeout> <seq|par> <URL> [CALLS=10000] [IN_FLIGHT=64]`
//!
//! 200 calls warm the connection pool first and are not counted. Run it under
//! `/usr/bin/time -v` for its peak memory (`run.py loopback` does).

use std::time::Instant;

use seam_bench_loopback::{Client, WARM_UP, run};

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
        let client = Client::new(which, url).unwrap_or_else(|| panic!("{usage}"));
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
