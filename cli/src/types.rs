//! What a Rust type's text in the registry (`Option<Vec<String>>`) says: how the command
//! line parses a value of it, how the docs name it, and its JSON schema.
//!
//! The registry keeps each param's type as written, so this reads the text, not the type:
//! `Option` and `Nullable` say whether a param may be left out or sent as `null`, `Vec` and
//! maps say the JSON shape, scalars say how to parse. A name it does not know (a model or
//! an enum of the SDK) is taken as JSON when the text looks like an object or an array,
//! and as a string otherwise (Seam's enums are strings).

use std::collections::BTreeSet;

use serde_json::{Value, json};

/// A type read from its text, without the outer `Option` or `Nullable`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeInfo {
    /// What values of the type look like.
    pub ty: Ty,
    /// Whether the text wraps it in `Option` or `Nullable` (so it may be left out).
    pub optional: bool,
    /// Whether the text wraps it in `Nullable` (so it may be sent as `null`).
    pub nullable: bool,
    /// The type's text without those wrappers, e.g. `Vec<String>`.
    pub text: String,
}

/// The shape of a value, as the command line and the schema see it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Ty {
    /// `bool`.
    Bool,
    /// An integer type: `i64`, `u32`, ..
    Int {
        /// Whether it takes negative numbers.
        signed: bool,
        /// Its width in bits (64 for `isize` and `usize`).
        bits: u32,
    },
    /// `f32` or `f64`.
    Float {
        /// Its width in bits.
        bits: u32,
    },
    /// `String`, `str`, `char` and the like.
    String,
    /// `Timestamp`: an ISO-8601 string.
    Timestamp,
    /// `Vec<T>`, a set, a slice or an array.
    List(Box<Ty>),
    /// A map with string keys, e.g. `BTreeMap<String, Value>`.
    Map(Box<Ty>),
    /// `serde_json::Value`, a tuple, or a type that could not be read: any JSON.
    Json,
    /// Any other named type, e.g. a model (`AcsCredential`) or an enum (`AccessMethodKind`).
    Named(String),
}

impl TypeInfo {
    /// Reads `text`, e.g. `Option<Vec<String>>`; text it cannot read is any JSON.
    pub fn parse(text: &str) -> TypeInfo {
        let Some(mut expr) = Expr::parse(text) else {
            return TypeInfo {
                ty: Ty::Json,
                optional: false,
                nullable: false,
                text: text.to_owned(),
            };
        };
        let (mut optional, mut nullable) = (false, false);
        while matches!(expr.name.as_str(), "Option" | "Nullable") && expr.args.len() == 1 {
            optional = true;
            nullable |= expr.name == "Nullable";
            expr = expr.args.swap_remove(0);
        }
        TypeInfo {
            ty: Ty::classify(&expr),
            optional,
            nullable,
            text: expr.to_string(),
        }
    }
}

impl Ty {
    fn classify(expr: &Expr) -> Ty {
        let arg = |i: usize| expr.args.get(i).map_or(Ty::Json, Ty::classify);
        match expr.name.as_str() {
            "Option" | "Nullable" | "Box" | "Arc" | "Rc" | "Cow" => arg(0),
            "Vec" | "VecDeque" | "BTreeSet" | "HashSet" | "IndexSet" | "[]" => {
                Ty::List(Box::new(arg(0)))
            }
            "BTreeMap" | "HashMap" | "IndexMap" => Ty::Map(Box::new(arg(1))),
            "Map" if expr.args.len() == 2 => Ty::Map(Box::new(arg(1))),
            "Map" | "Value" | "()" => Ty::Json,
            "bool" => Ty::Bool,
            "String" | "str" | "char" | "Uuid" => Ty::String,
            "Timestamp" | "DateTime" | "SystemTime" | "OffsetDateTime" => Ty::Timestamp,
            "f32" => Ty::Float { bits: 32 },
            "f64" => Ty::Float { bits: 64 },
            "isize" => Ty::Int {
                signed: true,
                bits: 64,
            },
            "usize" => Ty::Int {
                signed: false,
                bits: 64,
            },
            name => match int_type(name) {
                Some((signed, bits)) => Ty::Int { signed, bits },
                None => Ty::Named(name.to_owned()),
            },
        }
    }

    /// The placeholder a command line shows for a value, e.g. `STRING`; for a list, its
    /// items'.
    pub fn value_name(&self) -> String {
        match self {
            Ty::Bool => "BOOL".into(),
            Ty::Int { .. } => "INT".into(),
            Ty::Float { .. } => "NUMBER".into(),
            Ty::String => "STRING".into(),
            Ty::Timestamp => "TIMESTAMP".into(),
            Ty::List(item) => item.value_name(),
            Ty::Map(_) | Ty::Json => "JSON".into(),
            Ty::Named(name) => screaming_snake(name),
        }
    }

    /// Parses one command-line value. For a list, that is one item, or a JSON array of
    /// items when the text starts with `[`; either way the result is a JSON array.
    pub fn parse_value(&self, text: &str) -> Result<Value, String> {
        match self {
            Ty::List(item) => {
                if text.trim_start().starts_with('[') {
                    let value = parse_json(text)?;
                    self.check(&value)?;
                    Ok(value)
                } else {
                    Ok(Value::Array(vec![item.parse_value(text)?]))
                }
            }
            Ty::Bool => match text.trim().to_ascii_lowercase().as_str() {
                "true" | "yes" | "on" | "1" => Ok(Value::Bool(true)),
                "false" | "no" | "off" | "0" => Ok(Value::Bool(false)),
                _ => Err("expected `true` or `false`".into()),
            },
            Ty::Int { signed, bits } => parse_int(text.trim(), *signed, *bits),
            Ty::Float { .. } => parse_number(text.trim()),
            Ty::String | Ty::Timestamp => Ok(Value::String(text.to_owned())),
            Ty::Map(_) | Ty::Json => {
                let value = parse_json(text)?;
                self.check(&value)?;
                Ok(value)
            }
            Ty::Named(_) => match text.trim_start().chars().next() {
                Some('{' | '[') => parse_json(text),
                _ => Ok(Value::String(text.to_owned())),
            },
        }
    }

    /// Whether `value`, given as JSON, has this type's shape.
    pub fn check(&self, value: &Value) -> Result<(), String> {
        let ok = match (self, value) {
            (Ty::Json | Ty::Named(_), _) => true,
            (Ty::Bool, Value::Bool(_)) | (Ty::String | Ty::Timestamp, Value::String(_)) => true,
            (Ty::Int { signed, .. }, Value::Number(n)) => n.is_u64() || (*signed && n.is_i64()),
            (Ty::Float { .. }, Value::Number(_)) => true,
            (Ty::List(item), Value::Array(items)) => {
                return items.iter().try_for_each(|v| item.check(v));
            }
            (Ty::Map(item), Value::Object(map)) => {
                return map.values().try_for_each(|v| item.check(v));
            }
            _ => false,
        };
        if ok {
            Ok(())
        } else {
            Err(format!("expected {}, found `{value}`", self.describe()))
        }
    }

    /// What values look like, in words: "a string", "a list of whole numbers".
    pub fn describe(&self) -> String {
        match self {
            Ty::Bool => "`true` or `false`".into(),
            Ty::Int { signed: true, .. } => "a whole number".into(),
            Ty::Int { signed: false, .. } => "a whole number, 0 or more".into(),
            Ty::Float { .. } => "a number".into(),
            Ty::String => "a string".into(),
            Ty::Timestamp => "an ISO-8601 timestamp".into(),
            Ty::List(item) => format!("a list of {}", item.describe()),
            Ty::Map(_) => "a JSON object".into(),
            Ty::Json => "any JSON".into(),
            Ty::Named(name) => format!("a `{name}`"),
        }
    }

    /// The OpenAPI 3.0 schema; a named type is a `$ref` into `#/components/schemas`.
    pub fn schema(&self) -> Value {
        match self {
            Ty::Bool => json!({"type": "boolean"}),
            Ty::Int { signed, bits } => {
                let format = if *bits <= 32 { "int32" } else { "int64" };
                let mut schema = json!({"type": "integer", "format": format});
                if !signed {
                    schema["minimum"] = json!(0);
                }
                schema
            }
            Ty::Float { bits } => {
                let format = if *bits == 32 { "float" } else { "double" };
                json!({"type": "number", "format": format})
            }
            Ty::String => json!({"type": "string"}),
            Ty::Timestamp => json!({"type": "string", "format": "date-time"}),
            Ty::List(item) => json!({"type": "array", "items": item.schema()}),
            Ty::Map(item) => json!({"type": "object", "additionalProperties": item.schema()}),
            Ty::Json => json!({}),
            Ty::Named(name) => json!({"$ref": format!("#/components/schemas/{name}")}),
        }
    }

    /// Adds the named types this one mentions to `out`.
    pub fn named(&self, out: &mut BTreeSet<String>) {
        match self {
            Ty::Named(name) => {
                out.insert(name.clone());
            }
            Ty::List(item) | Ty::Map(item) => item.named(out),
            _ => {}
        }
    }

    /// A Rust expression of this type for an example, with `sample` as its text.
    pub fn rust_example(&self, sample: &str) -> String {
        match self {
            Ty::Bool => "true".into(),
            Ty::Int { .. } => "1".into(),
            Ty::Float { .. } => "1.0".into(),
            Ty::String | Ty::Timestamp => format!("{sample:?}.into()"),
            Ty::List(item) => format!("vec![{}]", item.rust_example(sample)),
            Ty::Map(_) => "Default::default()".into(),
            Ty::Json => "serde_json::json!({})".into(),
            Ty::Named(name) => format!("todo!(\"a `{name}`\")"),
        }
    }

    /// A command-line value of this type for an example (quoted for a shell); `None` for
    /// a `bool`, which a bare flag sets.
    pub fn cli_example(&self, sample: &str) -> Option<String> {
        match self {
            Ty::Bool => None,
            Ty::Int { .. } | Ty::Float { .. } => Some("1".into()),
            Ty::String | Ty::Timestamp | Ty::Named(_) => Some(format!("\"{sample}\"")),
            Ty::List(item) => item.cli_example(sample),
            Ty::Map(_) | Ty::Json => Some("'{}'".into()),
        }
    }
}

/// `AccessMethodKind` → `ACCESS_METHOD_KIND`.
fn screaming_snake(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_uppercase());
    }
    out
}

fn int_type(name: &str) -> Option<(bool, u32)> {
    let signed = match name.as_bytes().first()? {
        b'i' => true,
        b'u' => false,
        _ => return None,
    };
    let bits: u32 = name[1..].parse().ok()?;
    [8, 16, 32, 64, 128]
        .contains(&bits)
        .then_some((signed, bits))
}

fn parse_json(text: &str) -> Result<Value, String> {
    serde_json::from_str(text).map_err(|e| format!("expected JSON ({e})"))
}

fn parse_int(text: &str, signed: bool, bits: u32) -> Result<Value, String> {
    let (min, max): (i128, i128) = match (signed, bits.min(64)) {
        (true, b) => (-(1 << (b - 1)), (1 << (b - 1)) - 1),
        (false, b) => (0, (1 << b) - 1),
    };
    match text.parse::<i128>() {
        Ok(n) if (min..=max).contains(&n) => Ok(match i64::try_from(n) {
            Ok(n) => Value::from(n),
            Err(_) => Value::from(n as u64),
        }),
        Ok(_) => Err(format!("expected a whole number from {min} to {max}")),
        Err(_) => Err("expected a whole number".into()),
    }
}

/// A number, kept whole when written whole (`10` is sent as `10`, not `10.0`).
fn parse_number(text: &str) -> Result<Value, String> {
    if let Ok(n) = text.parse::<i64>() {
        return Ok(Value::from(n));
    }
    text.parse::<f64>()
        .ok()
        .and_then(serde_json::Number::from_f64)
        .map(Value::Number)
        .ok_or_else(|| "expected a number".into())
}

/// A type expression: a path's last segment with its generic arguments, a tuple (`()`) or
/// a slice or array (`[]`).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Expr {
    name: String,
    args: Vec<Expr>,
}

impl Expr {
    fn parse(text: &str) -> Option<Expr> {
        let tokens = tokenize(text)?;
        let mut parser = Parser { tokens, pos: 0 };
        let expr = parser.ty()?;
        (parser.pos == parser.tokens.len()).then_some(expr)
    }
}

impl std::fmt::Display for Expr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let args = |f: &mut std::fmt::Formatter<'_>| {
            for (i, arg) in self.args.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                write!(f, "{arg}")?;
            }
            Ok(())
        };
        match self.name.as_str() {
            "()" => {
                f.write_str("(")?;
                args(f)?;
                f.write_str(")")
            }
            "[]" => {
                f.write_str("[")?;
                args(f)?;
                f.write_str("]")
            }
            name => {
                f.write_str(name)?;
                if !self.args.is_empty() {
                    f.write_str("<")?;
                    args(f)?;
                    f.write_str(">")?;
                }
                Ok(())
            }
        }
    }
}

fn tokenize(text: &str) -> Option<Vec<String>> {
    let mut tokens = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {}
            ':' if chars.peek() == Some(&':') => {
                chars.next();
                tokens.push("::".to_owned());
            }
            '<' | '>' | ',' | '&' | '[' | ']' | ';' | '(' | ')' => tokens.push(c.to_string()),
            c if c == '\'' || c == '#' || c.is_alphanumeric() || c == '_' => {
                let mut word = c.to_string();
                while let Some(&next) = chars.peek() {
                    if next.is_alphanumeric() || next == '_' || next == '#' {
                        word.push(next);
                        chars.next();
                    } else {
                        break;
                    }
                }
                tokens.push(word);
            }
            _ => return None,
        }
    }
    Some(tokens)
}

struct Parser {
    tokens: Vec<String>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<&str> {
        self.tokens.get(self.pos).map(String::as_str)
    }

    fn eat(&mut self, token: &str) -> bool {
        let found = self.peek() == Some(token);
        self.pos += usize::from(found);
        found
    }

    fn ty(&mut self) -> Option<Expr> {
        // References, lifetimes and `mut` say nothing about the value.
        while let Some(t) = self.peek() {
            if t == "&" || t == "mut" || t == "dyn" || t.starts_with('\'') {
                self.pos += 1;
            } else {
                break;
            }
        }
        if self.eat("(") {
            let args = self.list(")")?;
            return Some(Expr {
                name: "()".into(),
                args,
            });
        }
        if self.eat("[") {
            let item = self.ty()?;
            if self.eat(";") {
                while self.peek().is_some_and(|t| t != "]") {
                    self.pos += 1;
                }
            }
            return self.eat("]").then(|| Expr {
                name: "[]".into(),
                args: vec![item],
            });
        }
        self.eat("::");
        let mut name = self.ident()?;
        while self.eat("::") {
            name = self.ident()?;
        }
        let args = if self.eat("<") {
            self.list(">")?
        } else {
            Vec::new()
        };
        Some(Expr { name, args })
    }

    /// Types separated by `,` up to `close`; lifetimes among them are skipped.
    fn list(&mut self, close: &str) -> Option<Vec<Expr>> {
        let mut out = Vec::new();
        loop {
            if self.eat(close) {
                return Some(out);
            }
            if self.peek().is_some_and(|t| t.starts_with('\'')) {
                self.pos += 1;
            } else {
                out.push(self.ty()?);
            }
            if !self.eat(",") {
                return self.eat(close).then_some(out);
            }
        }
    }

    fn ident(&mut self) -> Option<String> {
        let token = self.peek()?;
        let ok = token
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() || c == '_');
        if !ok {
            return None;
        }
        let name = token.strip_prefix("r#").unwrap_or(token).to_owned();
        self.pos += 1;
        Some(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_wrappers_and_shapes() {
        let t = TypeInfo::parse("Option<Vec<String>>");
        assert_eq!(t.ty, Ty::List(Box::new(Ty::String)));
        assert!(t.optional && !t.nullable);
        assert_eq!(t.text, "Vec<String>");

        let t = TypeInfo::parse("Nullable<::seam::Timestamp>");
        assert_eq!(
            (t.ty, t.nullable, t.text.as_str()),
            (Ty::Timestamp, true, "Timestamp")
        );

        let t = TypeInfo::parse("Option<BTreeMap<String, Option<Value>>>");
        assert_eq!(t.ty, Ty::Map(Box::new(Ty::Json)));
        assert_eq!(t.text, "BTreeMap<String, Option<Value>>");

        assert_eq!(
            TypeInfo::parse("u32").ty,
            Ty::Int {
                signed: false,
                bits: 32
            }
        );
        assert_eq!(TypeInfo::parse("&'static [u8]").text, "[u8]");
        assert_eq!(TypeInfo::parse("Cow<'a, str>").ty, Ty::String);
        assert_eq!(
            TypeInfo::parse("AccessMethodKind").ty,
            Ty::Named("AccessMethodKind".into())
        );
        assert_eq!(TypeInfo::parse("Vec<<bad").ty, Ty::Json);
    }

    #[test]
    fn parses_values_with_clear_errors() {
        let int = Ty::Int {
            signed: false,
            bits: 8,
        };
        assert_eq!(int.parse_value("7"), Ok(json!(7)));
        assert_eq!(
            int.parse_value("300"),
            Err("expected a whole number from 0 to 255".into())
        );
        assert_eq!(Ty::Float { bits: 64 }.parse_value("10"), Ok(json!(10)));
        assert_eq!(Ty::Float { bits: 64 }.parse_value("2.5"), Ok(json!(2.5)));
        assert!(Ty::Float { bits: 64 }.parse_value("ten").is_err());
        assert_eq!(Ty::Bool.parse_value("no"), Ok(json!(false)));

        let list = Ty::List(Box::new(Ty::String));
        assert_eq!(list.parse_value("a"), Ok(json!(["a"])));
        assert_eq!(list.parse_value(r#"["a", "b"]"#), Ok(json!(["a", "b"])));
        assert!(list.parse_value("[1]").unwrap_err().contains("a string"));

        let named = Ty::Named("Kind".into());
        assert_eq!(named.parse_value("code"), Ok(json!("code")));
        assert_eq!(named.parse_value(r#"{"a": 1}"#), Ok(json!({"a": 1})));
        assert!(Ty::Json.parse_value("{oops").is_err());
        assert!(Ty::Map(Box::new(Ty::Json)).parse_value("[1]").is_err());
    }

    #[test]
    fn names_placeholders() {
        assert_eq!(
            Ty::Named("AccessMethodKind".into()).value_name(),
            "ACCESS_METHOD_KIND"
        );
        assert_eq!(Ty::List(Box::new(Ty::String)).value_name(), "STRING");
    }
}
