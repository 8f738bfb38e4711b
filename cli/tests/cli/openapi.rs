//! The OpenAPI export against the route table, and library routes in it.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::{seam, stdout};

fn spec_routes() -> Vec<Value> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/routes.jsonl");
    std::fs::read_to_string(path)
        .expect("spec/routes.jsonl")
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect()
}

/// The params of an operation, by name, with their `required` flags.
fn operation_params(operation: &Value) -> BTreeMap<String, bool> {
    let mut out = BTreeMap::new();
    for p in operation["parameters"].as_array().into_iter().flatten() {
        out.insert(
            p["name"].as_str().unwrap().to_owned(),
            p["required"].as_bool().unwrap(),
        );
    }
    let schema = &operation["requestBody"]["content"]["application/json"]["schema"];
    let required: BTreeSet<&str> = schema["required"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    for name in schema["properties"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, _)| k)
    {
        out.insert(name.clone(), required.contains(name.as_str()));
    }
    out
}

#[test]
fn the_document_agrees_with_the_route_table() {
    let document = seam_cli::openapi::document();
    assert_eq!(document["openapi"], "3.0.3");
    let mut problems = Vec::new();
    let table = spec_routes();
    assert_eq!(table.len(), 201);
    for route in &table {
        let path = route["path"].as_str().unwrap();
        let method = route["method"].as_str().unwrap().to_ascii_lowercase();
        let operation = &document["paths"][path][&method];
        if !operation.is_object() {
            problems.push(format!("{method} {path}: missing"));
            continue;
        }
        let table_params: BTreeMap<String, bool> = route["params"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p["name"].as_str().unwrap().to_owned(),
                    p["required"].as_bool().unwrap(),
                )
            })
            .collect();
        let params = operation_params(operation);
        if params != table_params {
            problems.push(format!("{path}: params {params:?}, table {table_params:?}"));
        }
        let uses_query = matches!(method.as_str(), "get" | "delete");
        if uses_query && operation.get("requestBody").is_some()
            || !uses_query && operation.get("parameters").is_some()
        {
            problems.push(format!("{path}: params travel the wrong way"));
        }
        if operation["x-seam-response-key"] != route["response_key"] {
            problems.push(format!("{path}: response key"));
        }
        if operation["x-seam-paginated"] != route["paginated"] {
            problems.push(format!("{path}: paginated"));
        }
        if operation["x-seam-action-attempt"].as_bool() != Some(!route["action_attempt"].is_null())
        {
            problems.push(format!("{path}: action attempt"));
        }
        if operation["deprecated"].as_bool().unwrap_or(false) != route["deprecated"] {
            problems.push(format!("{path}: deprecated"));
        }
        let key = route["response_key"].as_str();
        let envelope = &operation["responses"]["200"]["content"]["application/json"]["schema"];
        if let Some(key) = key
            && !envelope["properties"][key].is_object()
        {
            problems.push(format!("{path}: no `{key}` in the envelope"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));

    // Every operation id is unique.
    let mut ids = BTreeSet::new();
    for item in document["paths"].as_object().unwrap().values() {
        for operation in item.as_object().unwrap().values() {
            let id = operation["operationId"].as_str().unwrap();
            assert!(ids.insert(id.to_owned()), "{id} twice");
        }
    }
    // Every `$ref` resolves.
    let text = document.to_string();
    for piece in text.split("\"$ref\":\"#/components/schemas/").skip(1) {
        let name = piece.split('"').next().unwrap();
        assert!(
            document["components"]["schemas"][name].is_object(),
            "{name}"
        );
    }
}

#[test]
fn a_route_a_library_declares_is_in_the_registry_and_the_document() {
    // Linking the library is what adds its routes.
    let _ = seam_ext_runtime::SpinWidget {
        widget_id: String::new(),
        turns: 1,
    };
    let paths: BTreeSet<&str> = seam_cli::registry::routes()
        .iter()
        .map(|m| m.path)
        .collect();
    for path in ["/access_codes/count", "/widgets/spin", "/widgets/stop"] {
        assert!(paths.contains(path), "{path} not in the registry");
    }
    assert!(seam_cli::registry::tree().get(&["widgets"]).is_some());

    let document = seam_cli::openapi::document();
    let spin = &document["paths"]["/widgets/spin"]["post"];
    assert_eq!(spin["operationId"], "widgets_spin");
    let schema = &spin["requestBody"]["content"]["application/json"]["schema"];
    assert_eq!(schema["properties"]["turns"]["type"], "integer");
    assert_eq!(
        schema["required"],
        serde_json::json!(["widget_id", "turns"])
    );
    let count = &document["paths"]["/access_codes/count"]["get"];
    assert_eq!(count["parameters"][0]["name"], "device_id");
    assert_eq!(count["parameters"][0]["in"], "query");
    assert_eq!(
        count["responses"]["200"]["content"]["application/json"]["schema"]["properties"]["count"]["type"],
        "integer"
    );
    assert_eq!(count["x-seam-response-key"], "count");
}

#[test]
fn seam_openapi_prints_the_document() {
    let output = seam(&["openapi"]);
    assert_eq!(output.status.code(), Some(0));
    let printed: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let unassign = &printed["paths"]["/acs/credentials/unassign"]["patch"];
    assert_eq!(unassign["operationId"], "acs_credentials_unassign");
    assert_eq!(unassign["x-seam-response-key"], Value::Null);
    assert_eq!(unassign["x-seam-returns"]["key"], "acs_credential");
    assert!(
        unassign["x-seam-auth"]
            .as_array()
            .unwrap()
            .contains(&"api_key".into())
    );
}
