//! The declared endpoints, read through the runtime's registry, against the committed
//! route table (`spec/routes.jsonl`).

use std::collections::{BTreeMap, BTreeSet};

use seam::{AuthMode, EndpointMeta, ParamLocation};
use serde_json::Value;

use crate::spec_lines;

/// The built-in endpoints: declared in the facade, not in a test.
fn declared() -> BTreeMap<&'static str, &'static EndpointMeta> {
    let mut out = BTreeMap::new();
    for meta in seam_runtime::endpoints() {
        if meta.module_path.starts_with("seam::api::") {
            assert!(
                out.insert(meta.path, *meta).is_none(),
                "{} declared twice",
                meta.path
            );
        }
    }
    out
}

fn auth_mode(scheme: &str) -> Option<AuthMode> {
    Some(match scheme {
        "api_key" => AuthMode::ApiKey,
        "pat_with_workspace" => AuthMode::PersonalAccessToken,
        "pat_without_workspace" => AuthMode::PersonalAccessTokenWithoutWorkspace,
        "console_session_with_workspace" => AuthMode::ConsoleSession,
        "console_session_without_workspace" => AuthMode::ConsoleSessionWithoutWorkspace,
        "client_session" | "client_session_with_customer" | "client_session_with_customer_ro" => {
            AuthMode::ClientSession
        }
        "publishable_key" => AuthMode::PublishableKey,
        _ => return None,
    })
}

/// Every difference between one declaration and its row of the table.
fn differences(route: &Value, meta: &EndpointMeta) -> Vec<String> {
    fn check(out: &mut Vec<String>, what: &str, table: String, declared: String) {
        if table != declared {
            out.push(format!(
                "{what}: table says {table}, declaration says {declared}"
            ));
        }
    }
    let mut out = Vec::new();
    check(
        &mut out,
        "method",
        route["method"].as_str().unwrap_or("").into(),
        meta.method.as_str().into(),
    );
    let namespace: Vec<&str> = route["namespace"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    check(
        &mut out,
        "namespace",
        format!("{namespace:?}"),
        format!("{:?}", meta.namespace),
    );
    check(
        &mut out,
        "name",
        route["name"].as_str().unwrap_or("").into(),
        meta.name.into(),
    );

    let table_params: BTreeMap<&str, bool> = route["params"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| {
            (
                p["name"].as_str().unwrap_or(""),
                p["required"].as_bool().unwrap_or(false),
            )
        })
        .collect();
    let declared_params: BTreeMap<&str, bool> =
        meta.params.iter().map(|p| (p.name, p.required)).collect();
    check(
        &mut out,
        "params",
        format!("{table_params:?}"),
        format!("{declared_params:?}"),
    );
    let location = if meta.method.uses_query() {
        ParamLocation::Query
    } else {
        ParamLocation::Body
    };
    for p in meta.params {
        if p.location != location {
            out.push(format!(
                "param `{}` travels in {:?}, not {location:?}",
                p.name, p.location
            ));
        }
    }
    for p in route["params"].as_array().into_iter().flatten() {
        let name = p["name"].as_str().unwrap_or("");
        if let Some(declared) = meta.param(name) {
            let nullable = p["nullable"].as_bool().unwrap_or(false)
                && !p["required"].as_bool().unwrap_or(false);
            if declared.nullable != nullable {
                out.push(format!(
                    "param `{name}`: nullable is {nullable} in the table"
                ));
            }
            if declared.deprecated != p["deprecated"].as_bool().unwrap_or(false) {
                out.push(format!("param `{name}`: deprecated disagrees"));
            }
        }
    }

    check(
        &mut out,
        "response key",
        format!("{:?}", route["response_key"].as_str()),
        format!("{:?}", meta.response.map(|r| r.key)),
    );
    check(
        &mut out,
        "returned resource key",
        format!("{:?}", route["void_returns"]["key"].as_str()),
        format!("{:?}", meta.returns.map(|r| r.key)),
    );
    check(
        &mut out,
        "paginated",
        route["paginated"].to_string(),
        meta.paginated.to_string(),
    );
    check(
        &mut out,
        "action attempt",
        (!route["action_attempt"].is_null()).to_string(),
        meta.action_attempt.to_string(),
    );
    check(
        &mut out,
        "deprecated",
        route["deprecated"].to_string(),
        meta.deprecated.to_string(),
    );

    let groups: BTreeSet<BTreeSet<&str>> = route["at_least_one_of"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|g| {
            g.as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect()
        })
        .collect();
    let declared_groups: BTreeSet<BTreeSet<&str>> = meta
        .at_least_one_of
        .iter()
        .map(|g| g.iter().copied().collect())
        .collect();
    check(
        &mut out,
        "at least one of",
        format!("{groups:?}"),
        format!("{declared_groups:?}"),
    );

    let modes: BTreeSet<String> = route["auth"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| auth_mode(s.as_str()?))
        .map(|m| format!("{m:?}"))
        .collect();
    let declared_modes: BTreeSet<String> = meta
        .auth
        .into_iter()
        .flatten()
        .map(|m| format!("{m:?}"))
        .collect();
    check(
        &mut out,
        "auth",
        format!("{modes:?}"),
        format!("{declared_modes:?}"),
    );
    out
}

#[test]
fn every_documented_route_is_declared_as_the_spec_says() {
    let table = spec_lines("routes.jsonl");
    assert_eq!(
        table.len(),
        201,
        "the table holds the 201 documented routes"
    );
    let declared = declared();

    let mut problems = Vec::new();
    let mut in_table = BTreeSet::new();
    for route in &table {
        let path = route["path"].as_str().unwrap_or_default();
        in_table.insert(path);
        match declared.get(path) {
            None => problems.push(format!("{path}: not declared")),
            Some(meta) => problems.extend(
                differences(route, meta)
                    .into_iter()
                    .map(|d| format!("{path}: {d}")),
            ),
        }
    }
    for path in declared.keys() {
        if !in_table.contains(path) {
            problems.push(format!("{path}: declared but not in the table"));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_namespaced_method_matches_the_declared_name() {
    // Spot-check through the types: the namespace chain reaches the same routes.
    let meta = <seam::acs::credentials::Unassign as seam::Endpoint>::META;
    assert_eq!(
        (meta.namespace, meta.name),
        (&["acs", "credentials"][..], "unassign")
    );
    let meta = <seam::thermostats::SetFanMode as seam::Endpoint>::META;
    assert_eq!(
        (meta.method, meta.path),
        (seam::Method::Post, "/thermostats/set_fan_mode")
    );
    assert!(meta.action_attempt);
    let meta = <seam::devices::List as seam::Endpoint>::META;
    assert!(meta.paginated);
    assert_eq!(meta.response.map(|r| r.key), Some("devices"));
}
