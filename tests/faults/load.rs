//! Load: 64 tasks share one client for 10,000 calls to a loopback server, twice. No call
//! fails, connections are reused (the server counts the ones it accepts), and after the
//! first batch warms up, memory and file descriptors stay flat through the second.
//!
//! `SEAM_LOAD_CALLS` sets the calls per batch (10,000 by default); RELIABILITY.md records
//! a full-size run.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use seam::Seam;

use crate::server::{Recorded, Reply, Server};
use crate::{WIDGET, get};

const TASKS: usize = 64;

/// Runs [`load_in_a_process_of_its_own`] alone, so its measures of the process (memory,
/// descriptors) see no other test.
#[test]
fn many_tasks_share_one_client() {
    let output = crate::run_alone("load::load_in_a_process_of_its_own");
    let at = output.find("load: ").unwrap();
    println!("{}", output[at..].lines().next().unwrap_or_default());
}

#[test]
#[ignore = "run in a process of its own by `many_tasks_share_one_client`"]
fn load_in_a_process_of_its_own() {
    let calls: usize = std::env::var("SEAM_LOAD_CALLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let server = Server::start_counting(|_, _: &Recorded| Reply::json(200, WIDGET, None)).await;
        let seam = crate::client(&server.endpoint());
        let (fds_before, rss_before) = (open_fds(), rss_kib());

        let warm = batch(&seam, calls).await;
        let (fds_warm, rss_warm) = (open_fds(), rss_kib());
        let accepted_warm = server.accepted();
        let second = batch(&seam, calls).await;
        let (fds_after, rss_after) = (open_fds(), rss_kib());

        let accepted = server.accepted();
        println!(
            "load: {TASKS} tasks, 2 x {calls} calls, {} errors, {} requests served, \
             {accepted_warm} + {} connections accepted, VmRSS {rss_before} -> {rss_warm} -> {rss_after} KiB, \
             fds {fds_before} -> {fds_warm} -> {fds_after}",
            warm + second,
            server.served(),
            accepted - accepted_warm,
        );
        assert_eq!(warm + second, 0, "calls failed");
        assert_eq!(server.served(), 2 * calls);
        // About one connection per task: while the pool is empty, hyper races a new
        // connection against a pooled one for each waiting call, so up to two per task
        // open during warm-up; after it, the pool serves (nearly) every call.
        assert!(accepted <= 2 * TASKS + 8, "{accepted} connections for {TASKS} tasks");
        assert!(
            accepted - accepted_warm <= 8,
            "{} new connections after warm-up",
            accepted - accepted_warm
        );
        assert!(
            rss_after * 2 <= rss_warm * 3,
            "memory grew from {rss_warm} to {rss_after} KiB after warm-up"
        );
        assert!(
            fds_after <= fds_warm + 4,
            "descriptors grew from {fds_warm} to {fds_after}"
        );
    });
}

/// `calls` calls shared among [`TASKS`] tasks; returns how many failed.
async fn batch(seam: &Seam, calls: usize) -> usize {
    let next = Arc::new(AtomicUsize::new(0));
    let failed = Arc::new(AtomicUsize::new(0));
    let tasks: Vec<_> = (0..TASKS)
        .map(|_| {
            let (seam, next, failed) = (seam.clone(), next.clone(), failed.clone());
            tokio::spawn(async move {
                while next.fetch_add(1, Ordering::Relaxed) < calls {
                    match seam.send(get()).await {
                        Ok(widget) if widget.widget_id == "w1" => {}
                        _ => {
                            failed.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    failed.load(Ordering::Relaxed)
}

/// Entries in /proc/self/fd.
fn open_fds() -> usize {
    std::fs::read_dir("/proc/self/fd").unwrap().count()
}

/// VmRSS from /proc/self/status, in KiB.
fn rss_kib() -> usize {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}
