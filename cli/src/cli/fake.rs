//! The in-process fake: `--fake` for one call, and `seam fake serve` in the foreground.

use std::io::Write;

use clap::{Arg, ArgAction, ArgMatches, Command};
use seam_fake::FakeSeam;

use crate::exit::{Exit, Failure};

/// What a fake is seeded with besides its workspace and access system.
#[derive(Debug, Clone)]
pub(super) struct Seeded {
    acs_user_id: String,
    acs_credential_id: String,
}

/// Starts a fake, seeded with a user ("Jane Doe") of its access system who holds one code
/// credential ("1234"), so that the seed call works against it.
pub(super) fn start() -> Result<(FakeSeam, Seeded), Failure> {
    let fake = FakeSeam::try_start().map_err(|e| {
        Failure::new(
            Exit::Failure,
            format!("the fake could not start on 127.0.0.1: {e}"),
        )
    })?;
    let acs_user_id = fake.add_acs_user(fake.acs_system_id(), "Jane Doe");
    let acs_credential_id = fake.add_acs_credential(&acs_user_id, "1234");
    let seeded = Seeded {
        acs_user_id,
        acs_credential_id,
    };
    Ok((fake, seeded))
}

/// `seam fake serve`.
pub(super) fn command() -> Command {
    Command::new("fake")
        .about("Run the fake Seam API (in-memory, on loopback)")
        .subcommand_required(true)
        .arg_required_else_help(true)
        .subcommand(
            Command::new("serve")
                .about(
                    "Serve the fake in the foreground until Ctrl-C or the end of stdin, \
                     printing its endpoint and credentials",
                )
                .long_about(
                    "Serve the fake in the foreground until Ctrl-C or the end of stdin.\n\n\
                     Prints shell assignments (SEAM_ENDPOINT, SEAM_API_KEY) and, as comments, \
                     the personal access token, workspace and seeded ids; the fake serves the \
                     `acs systems`, `acs users` and `acs credentials` routes.",
                )
                .arg(
                    Arg::new("ignore-stdin")
                        .long("ignore-stdin")
                        .action(ArgAction::SetTrue)
                        .help("Keep serving when stdin ends; stop only at Ctrl-C"),
                ),
        )
}

/// Runs `seam fake <..>`.
pub(super) fn run(
    matches: &ArgMatches,
    out: &mut dyn Write,
    _err: &mut dyn Write,
) -> Result<(), Failure> {
    let Some(("serve", serve)) = matches.subcommand() else {
        return Err(Failure::new(Exit::Usage, "see `seam fake --help`"));
    };
    let (fake, seeded) = start()?;
    let banner = format!(
        "# The Seam fake is listening; stop it with Ctrl-C{}.\n\
         SEAM_ENDPOINT={}\n\
         SEAM_API_KEY={}\n\
         # personal access token (with SEAM_WORKSPACE_ID): {}\n\
         # workspace_id: {}\n\
         # acs_system_id: {} (Main Building)\n\
         # acs_user_id: {} (Jane Doe)\n\
         # acs_credential_id: {} (code 1234, held by Jane Doe)",
        if serve.get_flag("ignore-stdin") {
            ""
        } else {
            " or by closing stdin"
        },
        fake.endpoint(),
        fake.api_key(),
        fake.personal_access_token(),
        fake.workspace_id(),
        fake.acs_system_id(),
        seeded.acs_user_id,
        seeded.acs_credential_id,
    );
    super::write_out(out, &banner)?;

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::new(Exit::Failure, format!("could not start a runtime: {e}")))?;
    let (closed_tx, closed_rx) = tokio::sync::oneshot::channel::<()>();
    // With `--ignore-stdin` the sender is kept, so the end of stdin is never signalled.
    let _kept = if serve.get_flag("ignore-stdin") {
        Some(closed_tx)
    } else {
        // Blocks on stdin in a thread of its own; the process exits without joining it.
        std::thread::spawn(move || {
            let _ = std::io::copy(&mut std::io::stdin().lock(), &mut std::io::sink());
            let _ = closed_tx.send(());
        });
        None
    };
    runtime.block_on(async {
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = closed_rx => {}
        }
    });
    drop(fake);
    Ok(())
}
