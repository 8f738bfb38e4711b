//! The `seam` command line: the command tree built from the registry, and running it.

mod call;
#[cfg(feature = "fake")]
mod fake;
mod tree;

use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};

use clap::{Arg, ArgAction, ArgMatches, Command};

use crate::exit::{Exit, Failure};
use crate::{docs, openapi, registry};

pub(crate) const API_KEY: &str = "global:api-key";
pub(crate) const PERSONAL_ACCESS_TOKEN: &str = "global:personal-access-token";
pub(crate) const WORKSPACE_ID: &str = "global:workspace-id";
pub(crate) const ENDPOINT: &str = "global:endpoint";
#[cfg(feature = "fake")]
pub(crate) const FAKE: &str = "global:fake";

/// Subcommands of the command line itself; a namespace or route with one of these names
/// is not reachable from the top level.
const BUILTINS: &[&str] = &["openapi", "docs", "fake", "help"];

/// The whole command tree: a subcommand per namespace and per route of the registry,
/// `openapi`, `docs`, `fake serve`, and the global auth flags.
pub fn command() -> Command {
    let tree = registry::tree();
    let mut root = Command::new("seam")
        .version(env!("CARGO_PKG_VERSION"))
        .about(
            "The Seam API from the command line: every route the SDK declares is a \
             subcommand, every param a flag",
        )
        .after_help(after_help())
        .subcommand_required(true)
        .arg_required_else_help(true)
        .args(global_args())
        .subcommands(tree::children(&[], &tree, BUILTINS))
        .subcommand(
            Command::new("openapi")
                .about("Print the OpenAPI 3.0 document of every route, as JSON")
                .after_help("Routes, params and responses come from the endpoint registry."),
        )
        .subcommand(
            Command::new("docs")
                .about("Print the Markdown docs page of a route")
                .arg(
                    Arg::new("route")
                        .value_name("ROUTE")
                        .required(true)
                        .num_args(1..)
                        .help(
                            "A path (/acs/credentials/unassign) or namespace and name \
                             (acs credentials unassign)",
                        ),
                ),
        );
    #[cfg(feature = "fake")]
    {
        root = root.subcommand(fake::command());
    }
    root
}

/// The help heading of the flags every command takes.
const GLOBAL_HEADING: &str = "Global options";

fn global_args() -> Vec<Arg> {
    let flag = |id: &'static str, long: &'static str, value: &'static str, help: &'static str| {
        Arg::new(id)
            .long(long)
            .value_name(value)
            .global(true)
            .help(help)
            .help_heading(GLOBAL_HEADING)
            .action(ArgAction::Set)
    };
    let mut args = vec![
        flag(
            API_KEY,
            "api-key",
            "KEY",
            "API key (seam_…); default: $SEAM_API_KEY",
        ),
        flag(
            PERSONAL_ACCESS_TOKEN,
            "personal-access-token",
            "TOKEN",
            "Personal access token (seam_at…); default: $SEAM_PERSONAL_ACCESS_TOKEN",
        ),
        flag(
            WORKSPACE_ID,
            "workspace-id",
            "ID",
            "Workspace the personal access token acts in; default: $SEAM_WORKSPACE_ID",
        ),
        flag(
            ENDPOINT,
            "endpoint",
            "URL",
            "API base URL; default: $SEAM_ENDPOINT, else https://connect.getseam.com",
        ),
    ];
    #[cfg(feature = "fake")]
    args.push(
        Arg::new(FAKE)
            .long("fake")
            .global(true)
            .help_heading(GLOBAL_HEADING)
            .action(ArgAction::SetTrue)
            .conflicts_with(ENDPOINT)
            .help("Call an in-process fake Seam instead (offline, seeded like `seam fake serve`)"),
    );
    args
}

fn after_help() -> String {
    format!(
        "Examples:\n  \
         seam acs credentials unassign --acs_user_id U --acs_credential_id C\n  \
         seam --fake acs systems list\n  \
         seam docs acs credentials unassign\n\n\
         Explicit flags beat the environment (SEAM_API_KEY, SEAM_PERSONAL_ACCESS_TOKEN with \
         SEAM_WORKSPACE_ID, SEAM_ENDPOINT).\n\
         Output is the JSON under the route's response key ({{}} for a void route), pretty \
         on a terminal and compact in a pipe; errors are one line on stderr.\n\n{}",
        Exit::table()
    )
}

/// Runs the command line with `args` (the program name first), writing to stdout and
/// stderr: JSON pretty on a terminal, compact otherwise.
pub fn run<I, T>(args: I) -> Exit
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let stdout = io::stdout();
    let pretty = stdout.is_terminal();
    let color = io::stderr().is_terminal();
    let io = Io {
        out: &mut stdout.lock(),
        err: &mut io::stderr(),
        pretty,
        color,
    };
    run_with(args, io)
}

/// Where a run writes, and how.
pub struct Io<'a> {
    /// The JSON, docs or help.
    pub out: &'a mut dyn Write,
    /// Errors, one line each, and notes.
    pub err: &'a mut dyn Write,
    /// Whether JSON output is pretty-printed (as on a terminal).
    pub pretty: bool,
    /// Whether command-line errors and help are styled for a terminal.
    pub color: bool,
}

impl std::fmt::Debug for Io<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Io")
            .field("pretty", &self.pretty)
            .field("color", &self.color)
            .finish_non_exhaustive()
    }
}

/// Runs the command line with `args` (the program name first), writing through `io`.
pub fn run_with<I, T>(args: I, io: Io<'_>) -> Exit
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let matches = match command().try_get_matches_from(args) {
        Ok(matches) => matches,
        Err(e) => {
            let text = if io.color {
                e.render().ansi().to_string()
            } else {
                e.render().to_string()
            };
            let sink = if e.use_stderr() { io.err } else { io.out };
            let _ = sink.write_all(text.as_bytes());
            return if e.exit_code() == 0 {
                Exit::Success
            } else {
                Exit::Usage
            };
        }
    };
    let Io {
        out, err, pretty, ..
    } = io;
    match dispatch(&matches, out, err, pretty) {
        Ok(()) => Exit::Success,
        Err(failure) => {
            if !failure.message.is_empty() {
                let _ = writeln!(err, "{failure}");
            }
            failure.exit
        }
    }
}

fn dispatch(
    matches: &ArgMatches,
    out: &mut dyn Write,
    err: &mut dyn Write,
    pretty: bool,
) -> Result<(), Failure> {
    match matches.subcommand() {
        Some(("openapi", _)) => {
            let text = serde_json::to_string_pretty(&openapi::document())
                .map_err(|e| Failure::new(Exit::Failure, e.to_string()))?;
            write_out(out, &text)
        }
        Some(("docs", m)) => {
            let words: Vec<&str> = m
                .get_many::<String>("route")
                .into_iter()
                .flatten()
                .map(String::as_str)
                .collect();
            let route = words.join(" ");
            let meta = registry::find(&route).ok_or_else(|| {
                Failure::new(
                    Exit::Usage,
                    format!(
                        "no route `{route}`: give a path (/acs/credentials/unassign) or \
                         namespace and name (acs credentials unassign)"
                    ),
                )
            })?;
            out.write_all(docs::page(meta).as_bytes())
                .map_err(write_failed)
        }
        #[cfg(feature = "fake")]
        Some(("fake", m)) => fake::run(m, out, err),
        Some(_) => {
            let mut path = Vec::new();
            let mut leaf = matches;
            while let Some((name, sub)) = leaf.subcommand() {
                path.push(name);
                leaf = sub;
            }
            let tree = registry::tree();
            let meta = path
                .split_last()
                .and_then(|(name, ns)| tree.get(ns)?.routes.get(*name).copied())
                .ok_or_else(|| {
                    Failure::new(Exit::Usage, format!("no route `{}`", path.join(" ")))
                })?;
            call::call(meta, leaf, out, err, pretty)
        }
        None => Err(Failure::new(Exit::Usage, "no command: see `seam --help`")),
    }
}

pub(crate) fn write_out(out: &mut dyn Write, text: &str) -> Result<(), Failure> {
    writeln!(out, "{text}")
        .and_then(|()| out.flush())
        .map_err(write_failed)
}

/// A write that failed; a reader that went away (`seam openapi | head`) is no failure.
fn write_failed(e: io::Error) -> Failure {
    if e.kind() == io::ErrorKind::BrokenPipe {
        return Failure::new(Exit::Success, "");
    }
    Failure::new(Exit::Failure, format!("could not write the output: {e}"))
}
