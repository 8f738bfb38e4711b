//! Runs one per-call case N times, for callgrind's instruction counts, the noise-free
//! complement of the criterion series: `percall-iter <pair>/<seam|hand> N`.
//!
//! `run.py percall --callgrind` runs it under `valgrind --tool=callgrind` twice, with N
//! and 2N iterations, and divides the difference by N: the instructions one iteration
//! takes, set-up (fixtures, runtime, clients) excluded.

use seam_bench_percall::cases::Cases;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let usage = "percall-iter <pair>/<seam|hand> N";
    let id = args.get(1).expect(usage);
    let n: u64 = args.get(2).expect(usage).parse().expect("N");
    let cases = Cases::new();
    for _ in 0..n {
        assert!(cases.run_once(id), "unknown case `{id}`; {usage}");
    }
}
