//! Two clients in one process, against the same server, timed in alternating batches:
//! the host's noise moves on a scale of seconds, so pairing batches milliseconds apart
//! cancels most of it, where whole processes a second or more apart do not.
//!
//! `bench-pair <A> <B> <seq|par> <URL> [CALLS=10000] [BATCHES=40] [IN_FLIGHT=64]`
//!
//! `A` and `B` are client names as for `bench-client` (`seam`, `hand`, ...). Both warm
//! their connection pools first; then each of `BATCHES` rounds times a batch of
//! `CALLS / BATCHES` calls with each client, the order swapping every round. Prints one
//! JSON line with each batch's calls per second and, per round, `A`'s rate over `B`'s.
//! (Peak memory is `bench-client`'s, one client per process.)

use std::time::Instant;

use seam_bench_loopback::{Client, WARM_UP, run};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let usage = "bench-pair <A> <B> <seq|par> <URL> [CALLS] [BATCHES] [IN_FLIGHT]";
    let (a, b, mode, url) = match &args[1..] {
        [a, b, m, u, ..] => (a.as_str(), b.as_str(), m.as_str(), u.as_str()),
        _ => panic!("{usage}"),
    };
    let calls: usize = args.get(5).map_or(10_000, |n| n.parse().expect("CALLS"));
    let batches: usize = args.get(6).map_or(40, |n| n.parse().expect("BATCHES"));
    let in_flight: usize = match mode {
        "seq" => 1,
        "par" => args.get(7).map_or(64, |n| n.parse().expect("IN_FLIGHT")),
        _ => panic!("{usage}"),
    };
    let per_batch = (calls / batches.max(1)).max(1);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    rt.block_on(async {
        let clients = [
            Client::new(a, url).unwrap_or_else(|| panic!("{usage}")),
            Client::new(b, url).unwrap_or_else(|| panic!("{usage}")),
        ];
        for client in &clients {
            run(client, WARM_UP, in_flight).await;
        }
        let mut rates = [Vec::new(), Vec::new()];
        for round in 0..batches {
            let order = if round % 2 == 0 { [0, 1] } else { [1, 0] };
            for i in order {
                let started = Instant::now();
                run(&clients[i], per_batch, in_flight).await;
                rates[i].push(per_batch as f64 / started.elapsed().as_secs_f64());
            }
        }
        let ratios: Vec<f64> = rates[0].iter().zip(&rates[1]).map(|(x, y)| x / y).collect();
        println!(
            "{}",
            serde_json::json!({
                "a": a,
                "b": b,
                "mode": mode,
                "in_flight": in_flight,
                "batches": batches,
                "calls_per_batch": per_batch,
                "a_calls_per_sec": rates[0],
                "b_calls_per_sec": rates[1],
                "a_over_b": ratios,
            })
        );
    });
}
