//! The API surface against Seam's spec: every documented route declared as the spec says,
//! and every model decoding what the API sends, including what it adds later.

mod conformance;
mod models;
mod webhooks;

/// Lines of a `.jsonl` file under `spec/`.
fn spec_lines(file: &str) -> Vec<serde_json::Value> {
    let path = format!("{}/spec/{file}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{path}: {e}")))
        .collect()
}
