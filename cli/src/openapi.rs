//! An OpenAPI 3.0 document of every endpoint linked into the program, built from the
//! registry: what `seam openapi` prints.

use std::collections::BTreeSet;

use seam::{AuthMode, EndpointMeta, ParamLocation, ParamMeta};
use serde_json::{Map, Value, json};

use crate::registry;
use crate::types::{Ty, TypeInfo};

/// The OpenAPI 3.0 document of every route in [`registry::routes`].
///
/// Each route is one operation under its path and method, with:
///
/// - `operationId` from its namespace and name (`acs_credentials_unassign`), `tags` its
///   namespace (`acs/credentials`), `deprecated` when it is;
/// - its params as `parameters` in the query (`GET`, `DELETE`), path or headers, or as a
///   JSON `requestBody` object schema (`POST`, `PUT`, `PATCH`), with `required` flags,
///   `nullable` and `deprecated`; an `at_least_one_of` group is an `anyOf` of
///   `required` lists on the body schema;
/// - the `200` envelope `{"ok": true, "<key>": ..}` (plus `pagination` for a paginated
///   list, and the resource a void route still returns), and Seam's error envelope as
///   the `default` response;
/// - `security` from the auth modes it accepts, and extensions: `x-seam-namespace`,
///   `x-seam-method-name`, `x-seam-response-key` (`null` for a void route),
///   `x-seam-returns`, `x-seam-paginated`, `x-seam-action-attempt`, `x-seam-auth`,
///   `x-seam-at-least-one-of`, `x-seam-rust-type`.
///
/// Models and enums the SDK names (`AcsCredential`) are `$ref`s to entries of
/// `components.schemas` that carry only their Rust name: the registry knows types by
/// name, not by shape.
pub fn document() -> Value {
    let mut paths = Map::new();
    let mut named = BTreeSet::new();
    for meta in registry::routes() {
        let item = paths
            .entry(meta.path)
            .or_insert_with(|| Value::Object(Map::new()));
        item[meta.method.as_str().to_ascii_lowercase()] = operation(meta, &mut named);
    }

    let mut schemas = Map::new();
    schemas.insert("Error".into(), error_schema());
    schemas.insert("Pagination".into(), pagination_schema());
    for name in named {
        let schema = json!({
            "title": name,
            "description": format!("The `{name}` type of the Rust SDK."),
            "x-seam-rust-type": name,
        });
        schemas.entry(name).or_insert(schema);
    }

    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "Seam API",
            "version": seam::SDK_VERSION,
            "description": "Every route the Rust SDK declares with `#[seam_endpoint]`, \
                            generated from its endpoint registry.",
        },
        "servers": [{"url": seam::DEFAULT_ENDPOINT}],
        "security": ALL_MODES.iter().map(|m| security(*m)).collect::<Vec<_>>(),
        "paths": paths,
        "components": {
            "securitySchemes": security_schemes(),
            "schemas": schemas,
        },
    })
}

/// Every auth mode, for the document's default `security`.
const ALL_MODES: [AuthMode; 7] = [
    AuthMode::ApiKey,
    AuthMode::PersonalAccessToken,
    AuthMode::PersonalAccessTokenWithoutWorkspace,
    AuthMode::ConsoleSession,
    AuthMode::ConsoleSessionWithoutWorkspace,
    AuthMode::ClientSession,
    AuthMode::PublishableKey,
];

/// The `operationId` of a route: its namespace and name joined by `_`.
pub fn operation_id(meta: &EndpointMeta) -> String {
    let mut words: Vec<&str> = meta.namespace.to_vec();
    words.push(meta.name);
    words.retain(|w| !w.is_empty());
    if words.is_empty() {
        return meta.path.trim_matches('/').replace('/', "_");
    }
    words.join("_")
}

fn operation(meta: &EndpointMeta, named: &mut BTreeSet<String>) -> Value {
    let mut op = Map::new();
    op.insert("operationId".into(), json!(operation_id(meta)));
    op.insert("summary".into(), json!(meta.route()));
    if !meta.docs.is_empty() {
        op.insert("description".into(), json!(meta.docs));
    }
    if !meta.namespace.is_empty() {
        op.insert("tags".into(), json!([meta.namespace.join("/")]));
    }
    if meta.deprecated {
        op.insert("deprecated".into(), json!(true));
    }

    let parameters: Vec<Value> = meta
        .params
        .iter()
        .filter(|p| p.location != ParamLocation::Body)
        .map(|p| parameter(p, named))
        .collect();
    if !parameters.is_empty() {
        op.insert("parameters".into(), json!(parameters));
    }
    let body: Vec<&ParamMeta> = meta
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Body)
        .collect();
    if !body.is_empty() {
        op.insert("requestBody".into(), request_body(meta, &body, named));
    }

    op.insert(
        "responses".into(),
        json!({
            "200": {
                "description": "OK",
                "content": {"application/json": {"schema": envelope(meta, named)}},
            },
            "default": {
                "description": "An error",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
            },
        }),
    );
    if let Some(modes) = meta.auth {
        let list: Vec<Value> = modes.iter().map(|m| security(*m)).collect();
        op.insert("security".into(), json!(list));
        let names: Vec<&str> = modes.iter().map(|m| scheme_name(*m)).collect();
        op.insert("x-seam-auth".into(), json!(names));
    }

    op.insert("x-seam-namespace".into(), json!(meta.namespace));
    op.insert("x-seam-method-name".into(), json!(meta.name));
    op.insert(
        "x-seam-response-key".into(),
        json!(meta.response.map(|r| r.key)),
    );
    if let Some(returns) = meta.returns {
        let schema = schema_of(returns.rust_type, named);
        op.insert(
            "x-seam-returns".into(),
            json!({"key": returns.key, "rust_type": returns.rust_type, "schema": schema}),
        );
    }
    op.insert("x-seam-paginated".into(), json!(meta.paginated));
    op.insert("x-seam-action-attempt".into(), json!(meta.action_attempt));
    if !meta.at_least_one_of.is_empty() {
        op.insert("x-seam-at-least-one-of".into(), json!(meta.at_least_one_of));
    }
    let rust_type = if meta.module_path.is_empty() {
        meta.type_name.to_owned()
    } else {
        format!("{}::{}", meta.module_path, meta.type_name)
    };
    op.insert("x-seam-rust-type".into(), json!(rust_type));
    Value::Object(op)
}

/// The schema of a param or response type, `nullable` when it may be `null`.
fn schema_of(rust_type: &str, named: &mut BTreeSet<String>) -> Value {
    let info = TypeInfo::parse(rust_type);
    info.ty.named(named);
    with_nullable(info.ty.schema(), info.nullable)
}

fn with_nullable(schema: Value, nullable: bool) -> Value {
    if !nullable {
        return schema;
    }
    if schema.get("$ref").is_some() || schema.as_object().is_some_and(Map::is_empty) {
        // `$ref` takes no siblings in OpenAPI 3.0.
        return json!({"allOf": [schema], "nullable": true});
    }
    let mut schema = schema;
    schema["nullable"] = json!(true);
    schema
}

fn param_schema(param: &ParamMeta, named: &mut BTreeSet<String>) -> Value {
    let info = TypeInfo::parse(param.rust_type);
    info.ty.named(named);
    let mut schema = with_nullable(info.ty.schema(), param.nullable || info.nullable);
    if param.deprecated && schema.get("$ref").is_none() {
        schema["deprecated"] = json!(true);
    }
    schema
}

fn parameter(param: &ParamMeta, named: &mut BTreeSet<String>) -> Value {
    let location = match param.location {
        ParamLocation::Path => "path",
        ParamLocation::Header => "header",
        _ => "query",
    };
    let schema = param_schema(param, named);
    let mut out = json!({
        "name": param.name,
        "in": location,
        "required": param.required || param.location == ParamLocation::Path,
        "schema": schema,
    });
    if matches!(TypeInfo::parse(param.rust_type).ty, Ty::List(_)) && location == "query" {
        out["style"] = json!("form");
        out["explode"] = json!(true);
    }
    if !param.docs.is_empty() {
        out["description"] = json!(param.docs);
    }
    if param.deprecated {
        out["deprecated"] = json!(true);
    }
    out
}

fn request_body(meta: &EndpointMeta, body: &[&ParamMeta], named: &mut BTreeSet<String>) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for param in body {
        let mut schema = param_schema(param, named);
        if !param.docs.is_empty() && schema.get("$ref").is_none() {
            schema["description"] = json!(param.docs);
        }
        properties.insert(param.name.to_owned(), schema);
        if param.required {
            required.push(param.name);
        }
    }
    let mut schema = json!({"type": "object", "properties": properties});
    if !required.is_empty() {
        schema["required"] = json!(required);
    }
    let groups: Vec<Value> = meta
        .at_least_one_of
        .iter()
        .map(|group| {
            let options: Vec<Value> = group.iter().map(|n| json!({"required": [n]})).collect();
            json!({"anyOf": options})
        })
        .collect();
    if !groups.is_empty() {
        schema["allOf"] = json!(groups);
    }
    json!({
        "required": !required.is_empty() || !meta.at_least_one_of.is_empty(),
        "content": {"application/json": {"schema": schema}},
    })
}

/// `{"ok": true, "<key>": ..}` for a route's success.
fn envelope(meta: &EndpointMeta, named: &mut BTreeSet<String>) -> Value {
    let mut properties = Map::new();
    properties.insert("ok".into(), json!({"type": "boolean", "enum": [true]}));
    let mut required = vec!["ok"];
    if let Some(response) = meta.response {
        properties.insert(response.key.into(), schema_of(response.rust_type, named));
        required.push(response.key);
    }
    if let Some(returns) = meta.returns {
        properties.insert(returns.key.into(), schema_of(returns.rust_type, named));
    }
    if meta.paginated {
        properties.insert(
            "pagination".into(),
            json!({"$ref": "#/components/schemas/Pagination"}),
        );
        required.push("pagination");
    }
    json!({"type": "object", "required": required, "properties": properties})
}

fn error_schema() -> Value {
    json!({
        "type": "object",
        "required": ["ok", "error"],
        "properties": {
            "ok": {"type": "boolean", "enum": [false]},
            "error": {
                "type": "object",
                "required": ["type", "message"],
                "properties": {
                    "type": {"type": "string"},
                    "message": {"type": "string"},
                    "request_id": {"type": "string"},
                    "data": {},
                    "validation_errors": {"type": "object"},
                },
            },
        },
    })
}

fn pagination_schema() -> Value {
    json!({
        "type": "object",
        "required": ["has_next_page", "next_page_cursor"],
        "properties": {
            "has_next_page": {"type": "boolean"},
            "next_page_cursor": {"type": "string", "nullable": true},
            "next_page_url": {"type": "string", "format": "uri", "nullable": true},
        },
    })
}

/// The security scheme named in Seam's own OpenAPI document for an auth mode.
pub fn scheme_name(mode: AuthMode) -> &'static str {
    match mode {
        AuthMode::ApiKey => "api_key",
        AuthMode::PersonalAccessToken => "pat_with_workspace",
        AuthMode::PersonalAccessTokenWithoutWorkspace => "pat_without_workspace",
        AuthMode::ConsoleSession => "console_session_with_workspace",
        AuthMode::ConsoleSessionWithoutWorkspace => "console_session_without_workspace",
        AuthMode::ClientSession => "client_session",
        AuthMode::PublishableKey => "publishable_key",
        _ => "unknown",
    }
}

/// A security requirement for one auth mode: its scheme, and the workspace header for
/// the modes that act in a workspace.
fn security(mode: AuthMode) -> Value {
    let mut requirement = Map::new();
    requirement.insert(scheme_name(mode).into(), json!([]));
    if matches!(
        mode,
        AuthMode::PersonalAccessToken | AuthMode::ConsoleSession
    ) {
        requirement.insert("seam_workspace".into(), json!([]));
    }
    if mode == AuthMode::ClientSession {
        requirement.insert("client_session_token".into(), json!([]));
    }
    Value::Object(requirement)
}

fn security_schemes() -> Value {
    let bearer = |what: &str| json!({"type": "http", "scheme": "bearer", "description": format!("{what}, as `authorization: Bearer <token>`.")});
    json!({
        "api_key": bearer("An API key (`seam_…`)"),
        "pat_with_workspace": bearer("A personal access token (`seam_at…`) with `seam-workspace`"),
        "pat_without_workspace": bearer("A personal access token (`seam_at…`) without a workspace"),
        "console_session_with_workspace": bearer("A console session token (a JWT) with `seam-workspace`"),
        "console_session_without_workspace": bearer("A console session token (a JWT) without a workspace"),
        "client_session": bearer("A client session token (`seam_cst…`) with `client-session-token`"),
        "publishable_key": {"type": "apiKey", "in": "header", "name": "seam-publishable-key"},
        "seam_workspace": {"type": "apiKey", "in": "header", "name": "seam-workspace"},
        "client_session_token": {"type": "apiKey", "in": "header", "name": "client-session-token"},
    })
}
