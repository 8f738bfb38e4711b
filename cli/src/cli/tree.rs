//! The subcommands built from the registry: one per namespace and one per route, each
//! param a flag with its spec name, parsed by its Rust type.

use std::ffi::OsStr;

use clap::builder::TypedValueParser;
use clap::error::ErrorKind;
use clap::{Arg, ArgAction, ArgMatches, Command};
use seam::{AuthMode, EndpointMeta, ParamMeta};
use serde_json::{Map, Value};

use crate::docs;
use crate::registry::Namespace;
use crate::types::{Ty, TypeInfo};

/// Long flags the command line keeps for itself; a param with one of these names gets
/// `--<name>-param` instead.
pub(super) const RESERVED_FLAGS: &[&str] = &[
    "help",
    "version",
    "api-key",
    "personal-access-token",
    "workspace-id",
    "endpoint",
    "fake",
];

/// The subcommand of namespace `name` (at `path`), with its namespaces and routes.
pub(super) fn namespace_command(name: &'static str, path: &[&str], ns: &Namespace) -> Command {
    let count = ns.len();
    let about = format!(
        "The `{}` routes ({count} route{})",
        path.join(" "),
        if count == 1 { "" } else { "s" }
    );
    Command::new(name)
        .about(about)
        .subcommand_required(true)
        .arg_required_else_help(true)
        .subcommands(children(path, ns, &[]))
}

/// The subcommands under a namespace: its namespaces, then its routes; names in `skip`
/// are left out.
pub(super) fn children(path: &[&str], ns: &Namespace, skip: &[&str]) -> Vec<Command> {
    let namespaces = ns.children.iter().filter_map(|(name, child)| {
        if skip.contains(name) {
            return None;
        }
        let mut child_path = path.to_vec();
        child_path.push(name);
        Some(namespace_command(name, &child_path, child))
    });
    let routes = ns
        .routes
        .iter()
        .filter(|(name, _)| !skip.contains(name))
        .map(|(_, meta)| route_command(meta));
    namespaces.chain(routes).collect()
}

/// The subcommand of one route: its params as flags, and help from its declaration.
pub(super) fn route_command(meta: &'static EndpointMeta) -> Command {
    let signature = docs::signature(meta);
    let mut about = signature.clone();
    if meta.deprecated {
        about.insert_str(0, "[deprecated] ");
    }
    let long_about = match docs::route_prose(meta) {
        "" => about.clone(),
        text => format!("{about}\n\n{text}"),
    };
    let after = route_notes(meta);
    Command::new(meta.name)
        .about(about)
        .long_about(long_about)
        .after_help(after.clone())
        .after_long_help(after)
        .args(meta.params.iter().map(param_arg))
}

/// Response, auth and other notes shown after a route's flags.
fn route_notes(meta: &EndpointMeta) -> String {
    let mut notes = vec![format!("Route: {} {}", meta.method, meta.path)];
    let response = match meta.response {
        Some(r) => format!(
            "Response: {} (the `{}` of the answer, printed as JSON)",
            TypeInfo::parse(r.rust_type).text,
            r.key
        ),
        None => "Response: void (prints {})".to_owned(),
    };
    notes.push(response);
    if let Some(returns) = meta.returns {
        notes.push(format!(
            "The answer also carries `{}` ({}), not printed",
            returns.key,
            TypeInfo::parse(returns.rust_type).text
        ));
    }
    if meta.paginated {
        notes.push(
            "Paginated: prints one page; the cursor of the next goes to stderr, for --page_cursor"
                .to_owned(),
        );
    }
    if meta.action_attempt {
        notes.push("Answers with an action attempt, waited for until it ends".to_owned());
    }
    for group in meta.at_least_one_of {
        let flags: Vec<String> = group
            .iter()
            .map(|n| format!("--{}", long_name(n)))
            .collect();
        notes.push(format!("Give at least one of {}", flags.join(", ")));
    }
    if let Some(modes) = meta.auth {
        let modes: Vec<&str> = modes.iter().map(|m| AuthMode::describe(*m)).collect();
        notes.push(format!("Auth: {}", modes.join(", ")));
    }
    notes.push(format!(
        "Docs: seam docs {}",
        meta.namespace
            .iter()
            .chain([&meta.name])
            .copied()
            .collect::<Vec<_>>()
            .join(" ")
    ));
    notes.join("\n")
}

/// The long flag of a param: its wire name, unless the command line keeps that flag.
pub(super) fn long_name(name: &str) -> String {
    if RESERVED_FLAGS.contains(&name) {
        format!("{name}-param")
    } else {
        name.to_owned()
    }
}

fn param_arg(param: &'static ParamMeta) -> Arg {
    let info = TypeInfo::parse(param.rust_type);
    let nullable = param.nullable || info.nullable;
    let mut facts = vec![info.text.clone()];
    facts.push(
        if param.required {
            "required"
        } else {
            "optional"
        }
        .to_owned(),
    );
    if nullable {
        facts.push("`null` clears it".to_owned());
    }
    if matches!(info.ty, Ty::List(_)) {
        facts.push("repeat the flag or give a JSON array".to_owned());
    }
    if matches!(info.ty, Ty::Map(_) | Ty::Json) {
        facts.push("JSON".to_owned());
    }
    if param.deprecated {
        facts.push("deprecated".to_owned());
    }
    let prose = docs::param_prose(param);
    let help = if prose.is_empty() {
        format!("[{}]", facts.join(", "))
    } else {
        format!("{prose} [{}]", facts.join(", "))
    };
    let list = matches!(info.ty, Ty::List(_));
    let bool = info.ty == Ty::Bool;
    let mut arg = Arg::new(param.name)
        .long(long_name(param.name))
        .value_name(info.ty.value_name())
        .required(param.required)
        .help(help)
        .value_parser(ParamParser {
            ty: info.ty,
            nullable,
        })
        .action(if list {
            ArgAction::Append
        } else {
            ArgAction::Set
        });
    if bool {
        arg = arg.num_args(0..=1).default_missing_value("true");
    }
    arg
}

/// Parses one flag's value by the param's type.
#[derive(Clone, Debug)]
struct ParamParser {
    ty: Ty,
    nullable: bool,
}

impl TypedValueParser for ParamParser {
    type Value = Value;

    fn parse_ref(
        &self,
        cmd: &Command,
        arg: Option<&Arg>,
        value: &OsStr,
    ) -> Result<Value, clap::Error> {
        let arg = arg.map_or_else(|| "...".to_owned(), ToString::to_string);
        let invalid = |text: &str, reason: &str| {
            clap::Error::raw(
                ErrorKind::ValueValidation,
                format!("invalid value '{text}' for '{arg}': {reason}\n"),
            )
            .with_cmd(cmd)
        };
        let text = value
            .to_str()
            .ok_or_else(|| invalid(&value.to_string_lossy(), "not UTF-8"))?;
        if self.nullable && text == "null" {
            return Ok(Value::Null);
        }
        self.ty
            .parse_value(text)
            .map_err(|reason| invalid(text, &reason))
    }
}

/// The JSON params of `meta` from a route's matches: flags not given are left out, a
/// list's occurrences are joined, and `null` clears a nullable param.
pub(super) fn params_of(meta: &EndpointMeta, matches: &ArgMatches) -> Value {
    let mut object = Map::new();
    for param in meta.params {
        let Ok(Some(values)) = matches.try_get_many::<Value>(param.name) else {
            continue;
        };
        let mut values: Vec<Value> = values.cloned().collect();
        let list = matches!(TypeInfo::parse(param.rust_type).ty, Ty::List(_));
        let value = if values.iter().any(Value::is_null) {
            Value::Null
        } else if list {
            Value::Array(
                values
                    .into_iter()
                    .flat_map(|v| match v {
                        Value::Array(items) => items,
                        other => vec![other],
                    })
                    .collect(),
            )
        } else {
            match values.pop() {
                Some(value) => value,
                None => continue,
            }
        };
        object.insert(param.name.to_owned(), value);
    }
    Value::Object(object)
}
