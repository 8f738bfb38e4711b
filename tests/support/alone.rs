//! Shared by the test binaries that need a process of their own for one test.

/// Runs the ignored test `name` of this binary in a process of its own (for measures of
/// the whole process, or a global tracing subscriber), checks that it passed, and returns
/// all it printed.
pub(crate) fn run_alone(name: &str) -> String {
    let output = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            name,
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .output()
        .unwrap();
    let text = format!(
        "{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "{name} failed:\n{text}");
    assert!(text.contains("1 passed"), "{name} did not run:\n{text}");
    text
}
