//! The `seam` binary and the library's exports, over loopback against the fake.

mod calls;
mod docs;
mod help;
mod openapi;

use std::process::{Command, Output, Stdio};

/// Runs the real `seam` binary with `args`, no stdin, and none of the `SEAM_*`
/// variables of the environment the tests run in.
fn seam(args: &[&str]) -> Output {
    seam_command(args)
        .stdin(Stdio::null())
        .output()
        .expect("the seam binary runs")
}

fn seam_command(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_seam"));
    command.args(args);
    for var in [
        "SEAM_API_KEY",
        "SEAM_PERSONAL_ACCESS_TOKEN",
        "SEAM_WORKSPACE_ID",
        "SEAM_ENDPOINT",
        "SEAM_API_URL",
    ] {
        command.env_remove(var);
    }
    command
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
