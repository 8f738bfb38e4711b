//! `seam`: the Seam API from the command line. See `seam --help`.

use std::process::ExitCode;

fn main() -> ExitCode {
    seam_cli::cli::run(std::env::args_os()).into()
}
