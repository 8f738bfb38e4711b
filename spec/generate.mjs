#!/usr/bin/env node
// Writes the facade's route declarations and models from the route table.
//
//   node spec/generate.mjs            # rewrites src/api/** and src/models/**
//
// Inputs: spec/routes.jsonl and spec/models.jsonl (written by spec/extract.mjs).
// Output: one `#[seam_endpoint(..)]` declaration per route, in modules that mirror the
// namespaces, and one Rust type per model. The output is plain source meant to be read and
// edited like hand-written code; rerun the generator after a spec update and review the
// diff. Deterministic: the same inputs give the same bytes.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const readJsonl = (file) =>
  fs.readFileSync(path.join(here, file), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));

const routes = readJsonl('routes.jsonl');
const models = readJsonl('models.jsonl');

// ---------------------------------------------------------------------------------------
// Names

const KEYWORDS = new Set(
  ('as break const continue crate else enum extern false fn for if impl in let loop match mod move mut pub ref ' +
    'return self Self static struct super trait true type unsafe use where while async await dyn abstract become ' +
    'box do final macro override priv typeof unsized virtual yield try gen').split(' '),
);
const ident = (name) => (KEYWORDS.has(name) ? `r#${name}` : name);
const camel = (name) =>
  String(name)
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
const singular = (name) => {
  if (name.endsWith('ies')) return name.slice(0, -3) + 'y';
  if (name.endsWith('sses')) return name.slice(0, -2);
  if (name.endsWith('s') && !name.endsWith('ss')) return name.slice(0, -1);
  return name + '_item';
};
const modelName = (name) => camel(name);
const MODEL_NAMES = new Set(models.map((m) => modelName(m.name)));

// Models the runtime defines, because it works with them itself: it waits for action
// attempts and pages with `pagination`.
const RUNTIME_MODELS = new Map([
  ['action_attempt', 'ActionAttempt'],
  ['pagination', 'Pagination'],
]);

// ---------------------------------------------------------------------------------------
// Enums: shared, in models/enums.rs, one per distinct set of values.
//
// Generation runs twice. The first pass only records where each set of values is used; the
// names are then chosen from all uses at once (the field's own name when no other set
// claims it, else prefixed with its owner), and the second pass writes the files.

const MAX_ENUM = 200;
let pass = 1;
const enumUses = new Map(); // key -> { values, uses: [{ owner, field }] }
const enumNames = new Map(); // key -> name
const enumNameSet = new Set();

const enumKey = (values) => JSON.stringify([...values].sort());
const GENERIC_FIELDS = new Set(['Mode', 'Type', 'Status', 'Kind', 'Reason', 'Variant', 'Operation', 'Owner', 'Scenario']);

/** `AcsUserError` + `error_code` is `AcsUserErrorCode`, not `AcsUserErrorErrorCode`. */
function joinNames(owner, field) {
  const f = camel(field);
  const firstWord = f.match(/^[A-Z][a-z0-9]*/)?.[0];
  if (firstWord && owner.endsWith(firstWord)) return owner + f.slice(firstWord.length);
  return owner + f;
}

function nameEnums() {
  const byField = new Map(); // camel(field) -> number of distinct sets using it
  for (const { uses } of enumUses.values()) {
    for (const f of new Set(uses.map((u) => camel(u.field)))) byField.set(f, (byField.get(f) || 0) + 1);
  }
  const keys = [...enumUses.keys()].sort();
  for (const key of keys) {
    const { uses } = enumUses.get(key);
    const counts = new Map();
    for (const u of uses) counts.set(camel(u.field), (counts.get(camel(u.field)) || 0) + 1);
    // A specific field name beats a generic one (`access_method` over `mode`), then the
    // most used, then the first in order.
    const generic = (f) => GENERIC_FIELDS.has(f) ? 1 : 0;
    const field = [...counts.entries()].sort(
      (a, b) => generic(a[0]) - generic(b[0]) || b[1] - a[1] || (a[0] < b[0] ? -1 : 1),
    )[0][0];
    const first = uses
      .filter((u) => camel(u.field) === field)
      .sort((a, b) => (a.owner < b.owner ? -1 : 1))[0];
    let name = byField.get(field) === 1 && !/^[0-9]/.test(field) ? field : joinNames(first.owner, first.field);
    // `access_method` is also a model: its values are `AccessMethodKind`.
    if (MODEL_NAMES.has(name)) name = `${name}Kind`;
    let unique = name;
    for (let i = 2; enumNameSet.has(unique) || MODEL_NAMES.has(unique); i++) unique = `${name}${i}`;
    enumNameSet.add(unique);
    enumNames.set(key, unique);
  }
}

function enumVariant(value, taken) {
  let name = camel(value) || 'Empty';
  if (/^[0-9]/.test(name)) name = `V${name}`;
  if (name === 'Other' || name === 'Self') name = `${name}Value`;
  let unique = name;
  for (let i = 2; taken.has(unique); i++) unique = `${name}${i}`;
  taken.add(unique);
  return unique;
}

function enumType(values, owner, field) {
  if (values.every((v) => typeof v === 'boolean')) return 'bool';
  const strings = values.map(String);
  if (strings.length > MAX_ENUM) return 'String';
  const key = enumKey(strings);
  if (pass === 1) {
    if (!enumUses.has(key)) enumUses.set(key, { values: strings, uses: [] });
    enumUses.get(key).uses.push({ owner, field });
    return 'PendingEnum';
  }
  return enumNames.get(key);
}

// ---------------------------------------------------------------------------------------
// Types

/** A file being generated: the items it defines besides routes. */
/** Nested structs already written, by shape, so an object the spec repeats is one type. */
let structsByShape = new Map(); // shape -> { name, scope }
/** An inline object shaped exactly like a model is that model. */
function seedModelShapes() {
  const models_ = { modelFile: true };
  for (const m of models) {
    if (m.kind === 'object' && !RUNTIME_MODELS.has(m.name)) {
      structsByShape.set(`model|${JSON.stringify([m.fields, null])}`, { name: modelName(m.name), scope: models_ });
    }
  }
}

/** Names taken by structs in model files, which `models` re-exports together. */
let modelStructNames = new Set();

class Scope {
  constructor(side, modelFile = false) {
    this.side = side; // 'model' or 'param'
    this.modelFile = modelFile; // a file of `src/models/`
    this.items = [];
    this.names = new Set();
    this.usesMap = false;
    this.usesValue = false;
    this.usesTimestamp = false;
    this.usesNullable = false;
    this.models = new Set();
    this.enums = new Set();
  }
  unique(name) {
    let n = name;
    const taken = (x) =>
      this.names.has(x) || MODEL_NAMES.has(x) || enumNameSet.has(x) || (this.modelFile && modelStructNames.has(x));
    for (let i = 2; taken(n); i++) n = `${name}${i}`;
    this.names.add(n);
    if (this.modelFile) modelStructNames.add(n);
    return n;
  }
}

function rustType(t, scope, owner, field, side = scope.side) {
  if (typeof t === 'string') {
    switch (t) {
      case 'string:date-time':
        scope.usesTimestamp = true;
        return 'Timestamp';
      case 'string':
      case 'string:uuid':
      case 'string:email':
      case 'string:uri':
        return 'String';
      case 'integer':
        return 'i64';
      case 'number':
      case 'number:float':
        return 'f64';
      case 'boolean':
        return 'bool';
      case 'any':
        scope.usesValue = true;
        return 'Value';
      default:
        if (t.startsWith('string')) return 'String';
        throw new Error(`unknown scalar ${t}`);
    }
  }
  const [kind] = Object.keys(t);
  const v = t[kind];
  switch (kind) {
    case 'enum': {
      const e = enumType(v, owner, field);
      if (e !== 'bool' && e !== 'String' && pass === 2) scope.enums.add(e);
      return e;
    }
    case 'array':
      return `Vec<${rustType(v, scope, owner, singular(field), side)}>`;
    case 'record':
      scope.usesMap = true;
      return `BTreeMap<String, ${rustType(v, scope, owner, singular(field), side)}>`;
    case 'nullable':
      return `Option<${rustType(v, scope, owner, field, side)}>`;
    case 'ref':
      scope.models.add(modelName(v));
      return modelName(v);
    case 'oneof':
      scope.usesValue = true;
      return 'Value';
    case 'object':
      return structItem(scope, owner, field, v, null, side);
    case 'open_object':
      return structItem(scope, owner, field, v.fields, v.rest, side);
    case 'union':
      return structItem(scope, owner, field, unionFields(v), null, side);
    default:
      throw new Error(`unknown type ${kind}`);
  }
}

/** A tagged union as one struct: the tags as fields, every variant's fields merged. */
function unionFields(u) {
  const byName = new Map();
  const add = (f, required) => {
    const prev = byName.get(f.name);
    if (!prev) {
      byName.set(f.name, { ...f, required });
    } else if (JSON.stringify(prev.type) !== JSON.stringify(f.type)) {
      byName.set(f.name, { ...prev, type: 'any', required: prev.required && required });
    } else {
      prev.required = prev.required && required;
      prev.nullable = prev.nullable || f.nullable;
    }
  };
  for (const f of u.common_fields) add(f, f.required);
  for (const prop of u.discriminator) {
    if (byName.has(prop)) continue;
    const values = [];
    for (const v of u.variants) if (v.tag[prop] !== undefined && !values.includes(v.tag[prop])) values.push(v.tag[prop]);
    add({ name: prop, type: { enum: values }, required: true, nullable: false, deprecated: false }, true);
  }
  for (const v of u.variants) for (const f of v.fields) add(f, false);
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function fieldDoc(f) {
  const facts = [];
  if (f.deprecated) facts.push('deprecated');
  return facts.length ? ` (${facts.join(', ')})` : '';
}

/** A struct for the object in `owner`'s `field`, in `scope`; returns its name. */
function structItem(scope, owner, field, fields, rest, side) {
  // The same shape again is the same type: in this file, or in a model file (which the
  // `models` module re-exports, so any file can name it).
  const shape = `${side}|${JSON.stringify([fields, rest])}`;
  const known = structsByShape.get(shape);
  if (known && (known.scope === scope || (known.scope.modelFile && side === 'model'))) {
    if (known.scope !== scope) scope.models.add(known.name);
    return known.name;
  }
  const name = scope.unique(joinNames(owner, field));
  structsByShape.set(shape, { name, scope });
  const lines = [];
  const model = side === 'model';
  if (model) scope.usesDeserialize = true;
  else scope.usesSerialize = true;
  lines.push(`/// The \`${field}\` object of [\`${owner}\`].`);
  if (model) {
    lines.push('#[derive(Clone, Debug, PartialEq, Deserialize)]');
    lines.push('#[cfg_attr(feature = "fake", derive(serde::Serialize))]');
  } else {
    // Deserialize only when the runtime's `fake` feature is on, as the endpoint structs
    // that hold these get it: keyed on the runtime's feature, so enabling it anywhere
    // in the graph keeps every params type consistent.
    lines.push('#[derive(Clone, Debug, PartialEq, Serialize, crate::__private::MaybeDeserialize)]');
  }
  lines.push(`pub struct ${name} {`);
  for (const f of fields) {
    const ty = rustType(f.type, scope, name, f.name, side);
    const optional = !f.required || f.nullable;
    lines.push(`    /// \`${f.name}\`${optional ? '' : ', always present'}${fieldDoc(f)}.`);
    if (f.deprecated) lines.push('    #[deprecated]');
    if (model) {
      if (optional) lines.push('    #[serde(default)]');
      lines.push(`    pub ${ident(f.name)}: ${optional ? `Option<${ty}>` : ty},`);
    } else if (!f.required && f.nullable) {
      scope.usesNullable = true;
      lines.push('    #[serde(default, skip_serializing_if = "Nullable::is_omitted")]');
      lines.push(`    pub ${ident(f.name)}: Nullable<${ty}>,`);
    } else if (!f.required) {
      lines.push('    #[serde(default, skip_serializing_if = "Option::is_none")]');
      lines.push(`    pub ${ident(f.name)}: Option<${ty}>,`);
    } else {
      lines.push(`    pub ${ident(f.name)}: ${ty},`);
    }
  }
  if (rest) {
    scope.usesMap = true;
    const ty = rustType(rest, scope, name, 'extra', side);
    lines.push('    /// Every other key the object holds.');
    lines.push('    #[serde(flatten)]');
    lines.push(`    pub extra: BTreeMap<String, ${ty}>,`);
  }
  lines.push('}');
  scope.items.push(lines.join('\n'));
  return name;
}

// ---------------------------------------------------------------------------------------
// Models

function imports(scope, { self: selfName } = {}) {
  const out = [];
  const std = [];
  if (scope.usesMap) std.push('use std::collections::BTreeMap;');
  if (std.length) out.push(std.join('\n'), '');
  const ext = [];
  if (scope.side === 'model' || scope.usesDeserialize) ext.push('use serde::Deserialize;');
  if (scope.side === 'param' && scope.usesSerialize) ext.push('use serde::Serialize;');
  if (scope.usesValue) ext.push('use serde_json::Value;');
  if (ext.length) out.push(ext.join('\n'), '');
  const crate = [];
  const fromModels = [...scope.models, ...scope.enums].filter((n) => n !== selfName).sort();
  if (fromModels.length) {
    const prefix = scope.side === 'model' ? 'super' : 'crate::models';
    crate.push(`use ${prefix}::{${fromModels.join(', ')}};`);
  }
  const runtime = [];
  if (scope.usesNullable) runtime.push('Nullable');
  if (scope.usesTimestamp) runtime.push('Timestamp');
  if (scope.side === 'param') runtime.push('seam_endpoint');
  if (runtime.length === 1) crate.push(`use crate::${runtime[0]};`);
  else if (runtime.length) crate.push(`use crate::{${runtime.join(', ')}};`);
  if (crate.length) out.push(crate.join('\n'), '');
  return out.join('\n');
}

const generatedNote = '// Generated by `node spec/generate.mjs` from spec/models.jsonl; edit the generator, not this file.';

function writeModel(m) {
  const scope = new Scope('model', true);
  const name = modelName(m.name);
  scope.names.add(name);
  const fields = m.kind === 'union' ? unionFields(m) : m.fields;
  const body = [];
  body.push(`/// The \`${m.name}\` resource, as the API returns it.`);
  body.push('///');
  body.push('/// Fields the API adds later are ignored, and enum values it adds later decode as `Other`.');
  if (m.deprecated) body.push('#[deprecated]');
  body.push('#[derive(Clone, Debug, PartialEq, Deserialize)]');
  body.push('#[cfg_attr(feature = "fake", derive(serde::Serialize))]');
  body.push(`pub struct ${name} {`);
  for (const f of fields) {
    const ty = rustType(f.type, scope, name, f.name);
    const optional = !f.required || f.nullable;
    body.push(`    /// \`${f.name}\`${optional ? '' : ', always present'}${fieldDoc(f)}.`);
    if (f.deprecated) body.push('    #[deprecated]');
    if (optional) body.push('    #[serde(default)]');
    body.push(`    pub ${ident(f.name)}: ${optional ? `Option<${ty}>` : ty},`);
  }
  body.push('}');
  const file = [
    `//! The \`${m.name}\` model.`,
    '',
    generatedNote,
    '',
    imports(scope, { self: name }),
    body.join('\n'),
    ...scope.items.map((i) => '\n' + i),
    '',
  ].join('\n');
  return { file: m.name, name, source: file.replace(/\n{3,}/g, '\n\n') };
}

// ---------------------------------------------------------------------------------------
// Routes

const AUTH = {
  api_key: 'api_key',
  pat_with_workspace: 'pat',
  pat_without_workspace: 'pat_without_workspace',
  console_session_with_workspace: 'console_session',
  console_session_without_workspace: 'console_session_without_workspace',
  client_session: 'client_session',
  client_session_with_customer: 'client_session',
  client_session_with_customer_ro: 'client_session',
  publishable_key: 'publishable_key',
};

function routeDecl(r, scope) {
  const name = camel(r.name);
  scope.names.add(name);
  const opts = [];
  if (r.response_key) {
    const ty = rustType(r.response, scope, name, r.response_key, 'model');
    opts.push(`response = ${ty}`, `key = "${r.response_key}"`);
  } else if (r.void_returns) {
    const ty = rustType(r.void_returns.type, scope, name, r.void_returns.key, 'model');
    opts.push(`returns(${r.void_returns.key}: ${ty})`);
  }
  if (r.paginated) opts.push('paginated');
  if (r.action_attempt) opts.push('action_attempt');
  for (const group of r.at_least_one_of) opts.push(`at_least_one_of(${group.join(', ')})`);
  const auth = [...new Set(r.auth.map((a) => AUTH[a]).filter(Boolean))];
  if (auth.length) opts.push(`auth(${auth.join(', ')})`);
  // `Type::new(required..)`: the facade's calls read best with it.
  opts.push('constructor');

  const lines = [];
  lines.push(`/// \`${r.method} ${r.path}\`${r.response_key ? '' : ': a void route'}.`);
  if (r.deprecated) lines.push('#[deprecated]');
  lines.push(`#[seam_endpoint(${[`${r.method} "${r.path}"`, ...opts].join(', ')})]`);
  const derives = ['Clone', 'Debug', 'PartialEq'];
  if (r.params.every((p) => !p.required)) derives.push('Default');
  lines.push(`#[derive(${derives.join(', ')})]`);
  lines.push(`pub struct ${name} {`);
  for (const p of r.params) {
    const ty = rustType(p.type, scope, name, p.name);
    lines.push(`    /// \`${p.name}\`${p.required ? ', required' : ''}${fieldDoc(p)}.`);
    if (p.deprecated) lines.push('    #[deprecated]');
    let full = ty;
    if (!p.required && p.nullable) {
      scope.usesNullable = true;
      full = `Nullable<${ty}>`;
    } else if (!p.required) full = `Option<${ty}>`;
    lines.push(`    pub ${ident(p.name)}: ${full},`);
  }
  lines.push('}');
  return { name, source: lines.join('\n') };
}

// ---------------------------------------------------------------------------------------
// Writing

let writeFile = function (rel, source) {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, source);
};

function clean(dir) {
  fs.rmSync(path.join(root, dir), { recursive: true, force: true });
}

function generate() {

  // Models first, so enums take the names models give them.
  const modelFiles = models.filter((m) => !RUNTIME_MODELS.has(m.name)).map(writeModel);

  // Namespaces: every route's namespace and its parents.
  const namespaces = new Map(); // 'acs/credentials' -> [routes]
  for (const r of routes) {
    const ns = r.namespace.join('/');
    if (r.path !== `/${ns}/${r.name}`) throw new Error(`${r.path}: namespace and name do not rebuild the path`);
    for (let i = 1; i <= r.namespace.length; i++) {
      const key = r.namespace.slice(0, i).join('/');
      if (!namespaces.has(key)) namespaces.set(key, []);
    }
    namespaces.get(ns).push(r);
  }
  const children = (ns) =>
    [...namespaces.keys()].filter((k) => k.startsWith(ns + '/') && !k.slice(ns.length + 1).includes('/')).sort();
  const roots = [...namespaces.keys()].filter((k) => !k.includes('/')).sort();

  const prelude = [];
  for (const [ns, nsRoutes] of [...namespaces.entries()].sort()) {
    const scope = new Scope('param');
    const decls = nsRoutes.map((r) => routeDecl(r, scope));
    for (const d of decls) prelude.push(`crate::api::${ns.replaceAll('/', '::')}::${d.name}Ext`);
    const kids = children(ns);
    const doc = [`//! Routes under \`/${ns}\`${nsRoutes.length ? '' : ' (in its child namespaces)'}.`, ''];
    const mods = kids.map((k) => `pub mod ${ident(k.split('/').pop())};`);
    const parts = [
      ...doc,
      '// Generated by `node spec/generate.mjs` from spec/routes.jsonl; edit the generator, not this file.',
      '',
    ];
    if (mods.length) parts.push(mods.join('\n'), '');
    if (decls.length) {
      parts.push(imports(scope));
      parts.push(decls.map((d) => d.source).join('\n\n'));
      if (scope.items.length) parts.push('', scope.items.join('\n\n'));
    }
    const isDir = kids.length > 0;
    const rel = `src/api/${ns}${isDir ? '/mod.rs' : '.rs'}`;
    writeFile(rel, parts.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n');
  }

  const apiMod = [
    '//! Every documented route of the Seam API, one declaration each, in modules that mirror',
    '//! its namespaces.',
    '',
    '// Generated by `node spec/generate.mjs` from spec/routes.jsonl; edit the generator, not this file.',
    '',
    roots.map((r) => `pub mod ${ident(r)};`).join('\n'),
    '',
    '/// The namespaced-method traits of every route, imported anonymously.',
    'pub(crate) mod prelude {',
    ...prelude.sort().map((p) => `    pub use ${p} as _;`),
    '}',
    '',
  ].join('\n');
  writeFile('src/api/mod.rs', apiMod);

  // Models and enums.
  for (const m of modelFiles) writeFile(`src/models/${m.file}.rs`, m.source);
  const enumSource = [
    '//! The string enums of params and models. Each also accepts values the API adds later,',
    '//! as `Other`.',
    '',
    '// Generated by `node spec/generate.mjs` from spec/; edit the generator, not this file.',
    '',
    'use seam_runtime::string_enum;',
    '',
    ...[...enumUses.entries()]
      .map(([key, e]) => ({ name: enumNames.get(key), values: e.values, field: e.uses[0].field }))
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map((e) => {
        const taken = new Set();
        const variants = e.values.map((v) => `        /// \`${v}\`\n        ${enumVariant(v, taken)} = ${JSON.stringify(v)},`);
        return [
          'string_enum! {',
          `    /// The values of \`${e.field}\`.`,
          `    pub enum ${e.name} {`,
          ...variants,
          '    }',
          '}',
          '',
        ].join('\n');
      }),
  ].join('\n');
  writeFile('src/models/enums.rs', enumSource.trimEnd() + '\n');
  const modelsMod = [
    '//! The resources the API answers with, and the enums of params and models.',
    '//!',
    '//! Every model tolerates fields it does not know, and every enum values it does not know',
    '//! (as `Other`), so a new API field or value never breaks decoding.',
    '',
    generatedNote,
    '',
    'mod enums;',
    ...modelFiles.map((m) => `mod ${m.file};`),
    '',
    'pub use enums::*;',
    ...modelFiles.map((m) => `pub use ${m.file}::*;`),
    `pub use seam_runtime::{${[...RUNTIME_MODELS.values()].sort().join(', ')}};`,
    '',
    '/// Decodes JSON into one model, keeping only whether it could.',
  '#[doc(hidden)]',
  'pub type Decode = fn(&[u8]) -> Result<(), serde_json::Error>;',
  '',
  '/// The name of every model in the spec, with a function that decodes JSON into it.',
    '#[doc(hidden)]',
    '#[allow(deprecated)] // Deprecated models are still decoded.',
    'pub const ALL: &[(&str, Decode)] = &[',
    ...[
      ...modelFiles.map((m) => [m.file, m.name]),
      ...[...RUNTIME_MODELS.entries()],
    ]
      .sort()
      .map(([file, name]) => `    ("${file}", |json| serde_json::from_slice::<${name}>(json).map(drop)),`),
    '];',
    '',
  ].join('\n');
  writeFile('src/models/mod.rs', modelsMod);


  return { namespaces, modelFiles };
}

// Pass 1 records the enums; pass 2 writes everything.
const writes = [];
const realWrite = writeFile;
writeFile = (rel, source) => writes.push([rel, source]);
seedModelShapes();
generate();
nameEnums();
pass = 2;
writes.length = 0;
structsByShape = new Map();
modelStructNames = new Set();
seedModelShapes();
const { namespaces, modelFiles } = generate();
clean('src/api');
clean('src/models');
if (fs.existsSync(path.join(root, 'src/models.rs'))) fs.rmSync(path.join(root, 'src/models.rs'));
for (const [rel, source] of writes) realWrite(rel, source);
// Formatted as `cargo fmt` would, so a rerun on the same table changes nothing.
execFileSync('rustfmt', ['--edition', '2024', ...writes.map(([rel]) => path.join(root, rel))]);

console.error(
  `routes: ${routes.length}, namespaces: ${namespaces.size}, models: ${modelFiles.length}, enums: ${enumNames.size}`,
);
