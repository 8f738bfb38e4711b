//! The `seam` command line, an OpenAPI export and Markdown docs pages, all built from the
//! endpoint registry: every route declared with `#[seam_endpoint]` and linked into the
//! program, Seam's own and any library's.
//!
//! ```
//! use seam_cli::cli::{Io, run_with};
//! use seam_cli::exit::Exit;
//! use seam_cli::{docs, openapi, registry};
//!
//! let seed = registry::find("acs credentials unassign").unwrap();
//! assert!(docs::page(seed).contains("PATCH /acs/credentials/unassign ⇒ void"));
//!
//! let document = openapi::document();
//! let operation = &document["paths"]["/acs/credentials/unassign"]["patch"];
//! assert_eq!(operation["operationId"], "acs_credentials_unassign");
//!
//! // What `seam docs /acs/credentials/unassign` prints.
//! let (mut out, mut err) = (Vec::new(), Vec::new());
//! let io = Io { out: &mut out, err: &mut err, pretty: false, color: false };
//! let exit = run_with(["seam", "docs", "/acs/credentials/unassign"], io);
//! assert_eq!(exit, Exit::Success);
//! assert!(String::from_utf8(out).unwrap().starts_with("# Unassign (acs credentials)"));
//! ```
//!
//! On the command line, each namespace is a subcommand and each route a subcommand of
//! its namespace; each param is a flag with the spec's snake_case name, parsed by the
//! param's Rust type:
//!
//! ```text
//! $ seam acs credentials unassign --acs_user_id "3333…" --acs_credential_id "6666…"
//! {}
//! ```
//!
//! - Strings, enums and timestamps as given; `bool` as `true`/`false` (a bare flag is
//!   `true`); integers and floats checked; lists by repeating the flag or as one JSON
//!   array; maps, objects and `Value` as JSON; `null` clears a `Nullable` param.
//! - Credentials from `--api-key`, `--personal-access-token` with `--workspace-id`, else
//!   `SEAM_API_KEY`, `SEAM_PERSONAL_ACCESS_TOKEN` with `SEAM_WORKSPACE_ID`; the endpoint
//!   from `--endpoint`, else `SEAM_ENDPOINT`. `--fake` calls an in-process fake instead.
//! - Output: the JSON under the route's response key (`{}` for a void route), pretty on a
//!   terminal, compact in a pipe. Errors: one line on stderr and an [`exit::Exit`] code.
//! - `seam openapi` prints [`openapi::document`], `seam docs <route>` prints
//!   [`docs::page`], `seam fake serve` runs the fake until Ctrl-C or the end of stdin.

pub mod cli;
pub mod docs;
pub mod exit;
pub mod openapi;
pub mod registry;
pub mod types;
