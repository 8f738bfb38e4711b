#!/usr/bin/env node
// Reads the OpenAPI document shipped in an unpacked `@seamapi/types` package
// and writes the route table and model table described in README.md.
//
//   node spec/extract.mjs <unpacked-package-dir> [--out <dir>] [--strict]
//
// Only node built-ins are used. No prose from the spec is written: the encoder
// below builds every output value from an explicit allow-list of schema keys.

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { join, resolve, dirname } from 'node:path'
import { pathToFileURL, fileURLToPath } from 'node:url'

// ---------------------------------------------------------------- arguments

const argv = process.argv.slice(2)
let pkgDir = null
let outDir = dirname(fileURLToPath(import.meta.url))
let strict = false
for (let i = 0; i < argv.length; i++) {
  const a = argv[i]
  if (a === '--out') outDir = argv[++i]
  else if (a === '--strict') strict = true
  else if (pkgDir === null) pkgDir = a
  else usage()
}
if (pkgDir === null) usage()

function usage() {
  console.error('usage: node spec/extract.mjs <unpacked-package-dir> [--out <dir>] [--strict]')
  process.exit(2)
}

pkgDir = resolve(pkgDir)
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'))
const specUrl = pathToFileURL(join(pkgDir, 'lib/seam/connect/openapi.js')).href
const spec = (await import(specUrl)).default

// ---------------------------------------------------------------- expectations
// Counts observed for @seamapi/types 1.977.0. A mismatch is reported loudly;
// with --strict it also makes the exit status non-zero.

const EXPECT = {
  paths: 316,
  documented: 201,
  methods: { GET: 75, POST: 66, DELETE: 27, PATCH: 23, PUT: 10 },
  aliased_paths: 204,
  void_returns_all_paths: 13,
  void_returns_documented: 10,
  models: 44,
}

const warnings = []
function warn(msg) {
  warnings.push(msg)
}
const mismatches = []
function expectEq(label, actual, expected) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    mismatches.push(`${label}: expected ${JSON.stringify(expected)}, found ${JSON.stringify(actual)}`)
  }
}

// ---------------------------------------------------------------- helpers

// Code-unit order, independent of locale.
const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0)
const byName = (a, b) => cmp(a.name, b.name)

const SCHEMAS = spec.components?.schemas ?? {}
const REF_PREFIX = '#/components/schemas/'

function refName(ref) {
  if (typeof ref !== 'string' || !ref.startsWith(REF_PREFIX)) {
    throw new Error(`unsupported $ref ${ref}`)
  }
  const name = ref.slice(REF_PREFIX.length)
  if (!(name in SCHEMAS)) throw new Error(`dangling $ref ${ref}`)
  return name
}

function deref(s) {
  let seen = 0
  while (s && s.$ref) {
    s = SCHEMAS[refName(s.$ref)]
    if (++seen > 32) throw new Error('$ref cycle')
  }
  return s
}

const isDeprecated = (s) => s?.deprecated === true || Boolean(s?.['x-deprecated'])
const isUndocumented = (s) => Boolean(s?.['x-undocumented'])
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b)

// ---------------------------------------------------------------- object flattening
// Collects the properties of an object schema, following $ref, allOf and oneOf.
// allOf members are merged (required if any member requires it).
// oneOf branches are unioned (required only if every branch requires it); when
// every branch requires at least one property beyond the ones all branches
// require, those extra properties form an "at least one of" group.

function flatten(schema, where) {
  const s = deref(schema)
  const props = new Map() // name -> { schemas: [], required }
  const groups = []
  const add = (name, sch, required) => {
    const cur = props.get(name)
    if (cur) {
      cur.schemas.push(sch)
      cur.required = cur.required || required
    } else props.set(name, { schemas: [sch], required })
  }
  const req = new Set(s.required ?? [])
  for (const [name, sch] of Object.entries(s.properties ?? {})) add(name, sch, req.has(name))
  for (const member of s.allOf ?? []) {
    const r = flatten(member, where)
    for (const [name, p] of r.props) for (const sch of p.schemas) add(name, sch, p.required)
    groups.push(...r.groups)
  }
  if (s.oneOf) {
    const branches = s.oneOf.map((b) => flatten(b, where))
    const reqSets = branches.map((b) => new Set([...b.props].filter(([, p]) => p.required).map(([n]) => n)))
    const base = [...reqSets[0]].filter((n) => reqSets.every((r) => r.has(n)))
    const extras = reqSets.map((r) => [...r].filter((n) => !base.includes(n)))
    for (const b of branches) {
      for (const [name, p] of b.props) for (const sch of p.schemas) add(name, sch, base.includes(name))
      if (b.groups.length) warn(`${where}: "at least one of" group inside a oneOf branch was dropped`)
    }
    for (const name of base) props.get(name).required = true
    if (extras.every((e) => e.length > 0)) {
      groups.push([...new Set(extras.flat())].sort(cmp))
    }
  }
  return { props, groups }
}

function fieldsOf(flat, where) {
  const fields = []
  for (const [name, p] of flat.props) {
    const types = []
    for (const sch of p.schemas) {
      const t = encodeType(sch, `${where}.${name}`)
      if (!types.some((x) => same(x, t))) types.push(t)
    }
    let type = types.length === 1 ? types[0] : { oneof: types }
    // Branches that each narrow the same property to an enum: record the union of the values.
    if (types.length > 1 && types.every((t) => t.enum)) type = { enum: [...new Set(types.flatMap((t) => t.enum))] }
    else if (types.length > 1) warn(`${where}.${name}: property has ${types.length} different types across branches`)
    fields.push({
      name,
      type,
      required: p.required,
      nullable: p.schemas.some((x) => x.nullable === true),
      deprecated: p.schemas.some(isDeprecated),
      undocumented: p.schemas.some(isUndocumented),
    })
  }
  return fields.sort(byName)
}

// ---------------------------------------------------------------- type encoding
// See README.md ("Type grammar") for the exact shapes produced here.

function encodeNested(s, where) {
  const t = encodeType(s, where)
  return s.nullable === true ? { nullable: t } : t
}

function encodeType(s, where) {
  if (s === true || s === undefined) return 'any'
  if (s.$ref) return { ref: refName(s.$ref) }
  if (s.allOf) {
    const flat = flatten(s, where)
    if (flat.groups.length) warn(`${where}: "at least one of" group inside a nested type was dropped`)
    return { object: fieldsOf(flat, where) }
  }
  if (s.oneOf) return encodeOneOf(s, where)
  if (s.enum) return { enum: [...s.enum] }
  if (s.const !== undefined) return { enum: [s.const] }
  switch (s.type) {
    case 'string':
    case 'integer':
    case 'number':
    case 'boolean':
      return s.format ? `${s.type}:${s.format}` : s.type
    case 'array':
      return { array: s.items ? encodeNested(s.items, `${where}[]`) : 'any' }
    case 'object':
    case undefined: {
      const hasProps = s.properties !== undefined
      const ap = s.additionalProperties
      const rest = ap && typeof ap === 'object' ? encodeNested(ap, `${where}{}`) : ap === true ? 'any' : null
      if (hasProps) {
        const fields = fieldsOf(flatten(s, where), where)
        return rest === null ? { object: fields } : { open_object: { fields, rest } }
      }
      if (rest !== null) return { record: rest }
      if (s.type === 'object') return ap === false ? { object: [] } : { record: 'any' }
      return 'any'
    }
    default:
      throw new Error(`${where}: unsupported type ${JSON.stringify(s.type)}`)
  }
}

function encodeOneOf(s, where) {
  const branches = s.oneOf.map(deref)
  // A oneOf of plain enums with disjoint values is the same as one enum.
  if (branches.every((b) => b.enum && !b.nullable && !b.oneOf && b.type === branches[0].type)) {
    const values = branches.flatMap((b) => b.enum)
    if (new Set(values).size === values.length) return { enum: values }
  }
  const u = tryUnion(s, where)
  if (u) return { union: u }
  return { oneof: s.oneOf.map((b, i) => encodeNested(b, `${where}|${i}`)) }
}

// A oneOf whose branches are all objects that share one or more required
// single-value enum properties (the tag), with a distinct tag per branch.
// An explicit `discriminator.propertyName` is used alone when it qualifies;
// otherwise every qualifying property is part of the tag.
function tryUnion(s, where) {
  const branches = s.oneOf.map(deref)
  if (!branches.every((b) => b.properties && !b.oneOf && !b.allOf && !b.nullable)) return null
  const tagValue = (b, p) => {
    const ps = deref(b.properties[p])
    if (!ps || !(b.required ?? []).includes(p)) return undefined
    if (ps.enum && ps.enum.length === 1) return ps.enum[0]
    if (ps.const !== undefined) return ps.const
    return undefined
  }
  const qualifies = (p) => branches.every((b) => tagValue(b, p) !== undefined)
  let disc
  const explicit = s.discriminator?.propertyName
  if (explicit && qualifies(explicit)) disc = [explicit]
  else {
    if (explicit) warn(`${where}: discriminator ${explicit} is not a required single-value enum in every branch`)
    disc = Object.keys(branches[0].properties).filter(qualifies).sort(cmp)
  }
  if (disc.length === 0) return null
  const tags = branches.map((b) => Object.fromEntries(disc.map((p) => [p, tagValue(b, p)])))
  if (new Set(tags.map((t) => JSON.stringify(t))).size !== tags.length) {
    warn(`${where}: oneOf tags are not unique; recorded as oneof`)
    return null
  }
  const variantFields = branches.map((b, i) =>
    fieldsOf(flatten(b, `${where}|${i}`), `${where}|${i}`).filter((f) => !disc.includes(f.name)),
  )
  const common = variantFields[0].filter((f) => variantFields.every((vf) => vf.some((g) => same(g, f))))
  const commonNames = new Set(common.map((f) => f.name))
  return {
    discriminator: disc,
    common_fields: common,
    variants: branches.map((b, i) => ({
      tag: tags[i],
      deprecated: isDeprecated(b),
      undocumented: isUndocumented(b),
      fields: variantFields[i].filter((f) => !commonNames.has(f.name)),
    })),
  }
}

// ---------------------------------------------------------------- routes

const METHODS = ['get', 'put', 'post', 'delete', 'patch']
const SDK_PRIORITY = ['put', 'patch', 'get', 'delete', 'post']

function sdkMethod(ops) {
  const has = (m) => m in ops
  if (has('patch') && has('put') && has('post')) return 'patch'
  return SDK_PRIORITY.find(has)
}

const jsonBody = (op) => op?.requestBody?.content?.['application/json']?.schema
const json200 = (op) => op?.responses?.['200']?.content?.['application/json']?.schema

const counts = {
  paths: 0,
  documented: 0,
  aliased_paths: 0,
  methods: { GET: 0, POST: 0, DELETE: 0, PATCH: 0, PUT: 0 },
  void: 0,
  void_returns: 0,
  void_returns_all_paths: 0,
  paginated: 0,
  page_cursor_without_pagination: 0,
  action_attempt: 0,
  deprecated: 0,
  models: 0,
  union_models: 0,
}

function voidReturns(op, where, quiet = false) {
  const rs = json200(op)
  const extra = Object.keys(rs?.properties ?? {})
    .filter((k) => k !== 'ok')
    .sort(cmp)
  if (extra.length === 0) return null
  if (extra.length > 1 && !quiet) warn(`${where}: void route returns several properties: ${extra.join(', ')}`)
  return { key: extra[0], type: encodeNested(rs.properties[extra[0]], `${where}#${extra[0]}`) }
}

const routes = []
for (const path of Object.keys(spec.paths).sort(cmp)) {
  const item = spec.paths[path]
  const ops = Object.fromEntries(Object.entries(item).filter(([m]) => METHODS.includes(m)))
  counts.paths++
  if (Object.keys(ops).length > 1) counts.aliased_paths++
  const undoc = Object.values(ops).map(isUndocumented)
  if (new Set(undoc).size > 1) warn(`${path}: x-undocumented is set on some operations only`)

  const post = ops.post
  if (!post) {
    warn(`${path}: no POST operation; skipped`)
    continue
  }
  // void_returns is also counted over undocumented paths, to check the spec-wide total.
  if (post['x-response-key'] === null && voidReturns(post, path, true)) counts.void_returns_all_paths++
  if (undoc.some(Boolean)) continue
  counts.documented++

  const method = sdkMethod(ops)
  for (const [m, op] of Object.entries(ops)) {
    if (m === 'post') continue
    for (const k of ['x-response-key', 'x-fern-sdk-group-name', 'x-fern-sdk-method-name',
      'x-action-attempt-type', 'x-deprecated', 'security']) {
      if (!same(op[k], post[k])) warn(`${path}: ${m.toUpperCase()} and POST differ in ${k}`)
    }
  }
  if (post.parameters?.length) warn(`${path}: POST has non-body parameters (not recorded)`)

  const body = jsonBody(post)
  let params = []
  let atLeastOneOf = []
  if (body) {
    const flat = flatten(body, path)
    params = fieldsOf(flat, path)
    atLeastOneOf = flat.groups
  }

  const responseKey = post['x-response-key'] ?? null
  const rs = json200(post)
  let response = null
  let vr = null
  if (responseKey === null) {
    counts.void++
    vr = voidReturns(post, path)
    if (vr) counts.void_returns++
  } else {
    const prop = rs?.properties?.[responseKey]
    if (!prop) warn(`${path}: response key ${responseKey} not in 200 response`)
    else response = encodeNested(prop, `${path}#${responseKey}`)
  }

  const hasPagination = Boolean(rs?.properties?.pagination)
  const hasCursor = params.some((p) => p.name === 'page_cursor')
  const paginated = hasPagination && hasCursor
  if (paginated) counts.paginated++
  if (hasCursor && !hasPagination) counts.page_cursor_without_pagination++
  if (hasPagination && !hasCursor) warn(`${path}: pagination in response but no page_cursor param`)

  const actionAttempt = post['x-action-attempt-type'] ?? null
  if (actionAttempt !== null) counts.action_attempt++
  const deprecated = isDeprecated(post)
  if (deprecated) counts.deprecated++

  const auth = [...new Set((post.security ?? []).flatMap((o) => Object.keys(o)))].sort(cmp)

  counts.methods[method.toUpperCase()]++
  routes.push({
    path,
    method: method.toUpperCase(),
    namespace: post['x-fern-sdk-group-name'] ?? [],
    name: post['x-fern-sdk-method-name'] ?? null,
    params,
    at_least_one_of: atLeastOneOf,
    response_key: responseKey,
    response,
    void_returns: vr,
    paginated,
    action_attempt: actionAttempt,
    deprecated,
    auth,
  })
}

// ---------------------------------------------------------------- models

const models = []
for (const name of Object.keys(SCHEMAS).sort(cmp)) {
  const s = SCHEMAS[name]
  counts.models++
  const head = { name, kind: null, deprecated: isDeprecated(s), undocumented: isUndocumented(s) }
  const where = `model ${name}`
  if (s.oneOf) {
    const u = tryUnion(s, where)
    if (u) {
      counts.union_models++
      models.push({ ...head, kind: 'union', ...u })
    } else {
      models.push({ ...head, kind: 'oneof', variants: s.oneOf.map((b, i) => encodeNested(b, `${where}|${i}`)) })
    }
  } else if (s.properties || s.allOf) {
    models.push({ ...head, kind: 'object', fields: fieldsOf(flatten(s, where), where) })
  } else {
    models.push({ ...head, kind: 'type', type: encodeNested(s, where) })
  }
}

// ---------------------------------------------------------------- checks and output

expectEq('paths', counts.paths, EXPECT.paths)
expectEq('documented routes', counts.documented, EXPECT.documented)
expectEq('methods', counts.methods, EXPECT.methods)
expectEq('paths with an alias method', counts.aliased_paths, EXPECT.aliased_paths)
expectEq('void routes with a returned resource (all paths)', counts.void_returns_all_paths, EXPECT.void_returns_all_paths)
expectEq('void routes with a returned resource (documented)', counts.void_returns, EXPECT.void_returns_documented)
expectEq('models', counts.models, EXPECT.models)
if (routes.length !== counts.documented) mismatches.push('route lines != documented count')

const jsonl = (rows) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n'
mkdirSync(outDir, { recursive: true })
writeFileSync(join(outDir, 'routes.jsonl'), jsonl(routes))
writeFileSync(join(outDir, 'models.jsonl'), jsonl(models))
const summary = { package: pkg.name, version: pkg.version, counts, warnings: [...new Set(warnings)].sort(cmp) }
writeFileSync(join(outDir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n')

console.error(`${pkg.name}@${pkg.version}: ${counts.paths} paths, ${counts.documented} documented routes written`)
console.error(`methods: ${Object.entries(counts.methods).map(([k, v]) => `${k} ${v}`).join(', ')}`)
console.error(`void ${counts.void} (with returned resource: ${counts.void_returns} documented, ${counts.void_returns_all_paths} all paths), ` +
  `paginated ${counts.paginated}, page_cursor without pagination ${counts.page_cursor_without_pagination}, ` +
  `action attempts ${counts.action_attempt}, deprecated ${counts.deprecated}`)
console.error(`models ${counts.models} (${counts.union_models} unions)`)
for (const w of summary.warnings) console.error(`note: ${w}`)
if (mismatches.length) {
  console.error('')
  console.error('!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!')
  console.error('!!! WARNING: counts differ from the expectations in spec/extract.mjs !!!')
  for (const m of mismatches) console.error(`!!!   ${m}`)
  console.error('!!! Review the diff, then update EXPECT if the change is intended.   !!!')
  console.error('!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!')
  if (strict) process.exitCode = 1
}
