//! Calling one route: the client from flags and environment, the request through
//! `Seam::send_dynamic`, and the JSON it prints.

use std::io::Write;

use clap::ArgMatches;
use seam::{EndpointMeta, Seam};
use serde_json::{Value, json};

use super::{API_KEY, ENDPOINT, PERSONAL_ACCESS_TOKEN, WORKSPACE_ID, tree, write_out};
use crate::exit::{Exit, Failure};

/// The auth and endpoint flags as given.
#[derive(Debug, Default)]
struct Globals {
    api_key: Option<String>,
    personal_access_token: Option<String>,
    workspace_id: Option<String>,
    endpoint: Option<String>,
}

impl Globals {
    fn of(matches: &ArgMatches) -> Globals {
        let get = |id: &str| matches.try_get_one::<String>(id).ok().flatten().cloned();
        Globals {
            api_key: get(API_KEY),
            personal_access_token: get(PERSONAL_ACCESS_TOKEN),
            workspace_id: get(WORKSPACE_ID),
            endpoint: get(ENDPOINT),
        }
    }
}

/// Calls `meta` with the params in `matches` and prints what it answers.
pub(super) fn call(
    meta: &'static EndpointMeta,
    matches: &ArgMatches,
    out: &mut dyn Write,
    err: &mut dyn Write,
    pretty: bool,
) -> Result<(), Failure> {
    let params = tree::params_of(meta, matches);
    let globals = Globals::of(matches);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::new(Exit::Failure, format!("could not start a runtime: {e}")))?;

    #[cfg(feature = "fake")]
    let fake = match matches.get_flag(super::FAKE) {
        true => Some(super::fake::start()?),
        false => None,
    };
    #[cfg(feature = "fake")]
    let fake_target = fake
        .as_ref()
        .map(|(fake, _)| (fake.endpoint(), fake.api_key().to_owned()));
    #[cfg(not(feature = "fake"))]
    let fake_target = None;

    let seam = client(&globals, fake_target)?;
    let envelope = runtime.block_on(seam.send_dynamic(meta, &params))?;
    let value = output_of(meta, &envelope)?;
    let text = if pretty {
        serde_json::to_string_pretty(&value)
    } else {
        serde_json::to_string(&value)
    }
    .map_err(|e| Failure::new(Exit::Failure, e.to_string()))?;
    write_out(out, &text)?;

    if meta.paginated {
        let pagination = &envelope["pagination"];
        if let (Some(true), Some(cursor)) = (
            pagination["has_next_page"].as_bool(),
            pagination["next_page_cursor"].as_str(),
        ) {
            let _ = writeln!(err, "note: more results: add --page_cursor {cursor}");
        }
    }
    Ok(())
}

/// The client: flags first, then the environment (`SEAM_API_KEY`,
/// `SEAM_PERSONAL_ACCESS_TOKEN` with `SEAM_WORKSPACE_ID`, `SEAM_ENDPOINT`). With a fake
/// (its endpoint and API key), the environment is not read.
fn client(globals: &Globals, fake: Option<(String, String)>) -> Result<Seam, Failure> {
    let from_env = fake.is_none();
    let env = |name: &str| {
        std::env::var(name)
            .ok()
            .filter(|v| from_env && !v.is_empty())
    };
    let mut builder = Seam::builder();
    let explicit = globals.api_key.is_some() || globals.personal_access_token.is_some();
    match fake {
        Some((endpoint, api_key)) => {
            builder = builder.endpoint(endpoint);
            if !explicit {
                builder = builder.api_key(api_key);
            }
        }
        None => builder = builder.with_env(),
    }
    if let Some(key) = &globals.api_key {
        builder = builder.api_key(key.as_str());
    }
    match (&globals.personal_access_token, &globals.workspace_id) {
        (Some(token), workspace) => {
            let workspace = workspace
                .clone()
                .or_else(|| env("SEAM_WORKSPACE_ID"))
                .ok_or_else(|| {
                    Failure::new(
                        Exit::Config,
                        "--personal-access-token needs --workspace-id or SEAM_WORKSPACE_ID",
                    )
                })?;
            builder = builder.personal_access_token(token.as_str(), workspace);
        }
        (None, Some(workspace)) if globals.api_key.is_none() => {
            // A workspace for the token in the environment.
            let token = env("SEAM_PERSONAL_ACCESS_TOKEN").ok_or_else(|| {
                Failure::new(
                    Exit::Config,
                    "--workspace-id goes with a personal access token \
                     (--personal-access-token or SEAM_PERSONAL_ACCESS_TOKEN)",
                )
            })?;
            builder = builder.personal_access_token(token, workspace.clone());
        }
        (None, Some(_)) => {
            return Err(Failure::new(
                Exit::Config,
                "--workspace-id goes with a personal access token, not an API key",
            ));
        }
        (None, None) => {}
    }
    if let Some(endpoint) = &globals.endpoint {
        builder = builder.endpoint(endpoint.as_str());
    }
    builder.build().map_err(Failure::from)
}

/// What a call prints: the value under the response key, `{}` for a void route.
fn output_of(meta: &EndpointMeta, envelope: &Value) -> Result<Value, Failure> {
    let Some(response) = meta.response else {
        return Ok(json!({}));
    };
    envelope.get(response.key).cloned().ok_or_else(|| {
        Failure::new(
            Exit::Http,
            format!(
                "invalid response to {}: the body has no `{}`",
                meta.route(),
                response.key
            ),
        )
    })
}
