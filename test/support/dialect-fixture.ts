import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A dialect fixture (test/fixtures/dialects/*.json): what one IdP sends, in order, and what a correct
 * server answers. Paths are relative to the SCIM base URL; `{{name}}` in any string is replaced by a
 * variable: `serverId`, `baseUrl` (the SCIM URL), the fixture's `variables`, and values captured from
 * earlier answers.
 */
export interface DialectFixture {
  dialect: string;
  description: string;
  /** Where the requests come from (vendor documents, public reports). */
  sources: string[];
  /** Body of POST /admin/servers (beyond its name): the identity server the IdP would be connected to. */
  server: Record<string, unknown>;
  variables?: Record<string, string>;
  steps: FixtureStep[];
}

export interface FixtureStep {
  name: string;
  /** Set when today's server does not yet accept this request as the IdP sends it: the step is reported as todo, not run. */
  pendingDialectWork?: string;
  request: {
    method: string;
    path: string;
    /** Sent as given; `Authorization` defaults to the server's own credential (set it to replace it, or to "" to send none). */
    headers?: Record<string, string>;
    body?: unknown;
  };
  expect: {
    status: number;
    /** Header name → pattern (see {@link mismatches}); `"@absent"` for a header that must not be sent. */
    headers?: Record<string, string>;
    /** A pattern of the JSON body; `null` for an answer without a body. */
    body?: unknown;
  };
  /** Variable name → dotted path into the answer's body (`id`, `Resources.0.id`). */
  capture?: Record<string, string>;
}

export const FIXTURE_DIR = join(__dirname, '..', 'fixtures', 'dialects');

export function loadFixtures(): { file: string; fixture: DialectFixture }[] {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, fixture: JSON.parse(readFileSync(join(FIXTURE_DIR, file), 'utf8')) as DialectFixture }));
}

/** `{{name}}` replaced in every string of a JSON value; a string that is exactly `{{name}}` becomes the variable's value. */
export function interpolate(value: unknown, vars: Record<string, string>): unknown {
  if (typeof value === 'string') {
    return value.replace(/\{\{(\$?[\w.]+)\}\}/g, (_, name: string) => {
      if (!(name in vars)) throw new Error(`fixture variable {{${name}}} is not defined (yet)`);
      return vars[name];
    });
  }
  if (Array.isArray(value)) return value.map((v) => interpolate(v, vars));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, vars)]));
  return value;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Where `actual` departs from `pattern`, as readable lines (empty: it matches). Patterns:
 * - a primitive: equal (strictly: `"true"` is not `true`);
 * - an object: every key listed matches (other keys may be present); a key whose pattern is
 *   `"@absent"` must not be there; `{"@includes": [p…]}` — an array with, for each p, an element
 *   matching it; `{"@length": n}` — an array of n elements;
 * - an array: the same length, element by element;
 * - strings starting with `@`: `@any` (present), `@string` (non-empty), `@uuid`, `@integer`,
 *   `@datetime` (RFC 3339); starting with `~`: a regular expression.
 */
export function mismatches(actual: unknown, pattern: unknown, at = 'body'): string[] {
  if (typeof pattern === 'string' && pattern.startsWith('@')) return matcher(actual, pattern, at);
  if (typeof pattern === 'string' && pattern.startsWith('~')) {
    return typeof actual === 'string' && new RegExp(pattern.slice(1)).test(actual)
      ? []
      : [`${at}: ${show(actual)} does not match /${pattern.slice(1)}/`];
  }
  if (Array.isArray(pattern)) {
    if (!Array.isArray(actual)) return [`${at}: expected an array of ${pattern.length}, got ${show(actual)}`];
    if (actual.length !== pattern.length)
      return [`${at}: expected ${pattern.length} elements, got ${actual.length}: ${show(actual)}`];
    return pattern.flatMap((p, i) => mismatches(actual[i], p, `${at}[${i}]`));
  }
  if (pattern !== null && typeof pattern === 'object') {
    const spec = pattern as Record<string, unknown>;
    if ('@includes' in spec || '@length' in spec) return arrayMatcher(actual, spec, at);
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual))
      return [`${at}: expected an object, got ${show(actual)}`];
    const object = actual as Record<string, unknown>;
    return Object.entries(spec).flatMap(([key, p]) =>
      p === '@absent'
        ? key in object
          ? [`${at}.${key}: expected absent, got ${show(object[key])}`]
          : []
        : key in object
          ? mismatches(object[key], p, `${at}.${key}`)
          : [`${at}.${key}: missing`],
    );
  }
  return actual === pattern ? [] : [`${at}: expected ${show(pattern)}, got ${show(actual)}`];
}

function matcher(actual: unknown, name: string, at: string): string[] {
  const ok =
    name === '@any'
      ? actual !== undefined
      : name === '@string'
        ? typeof actual === 'string' && actual !== ''
        : name === '@uuid'
          ? typeof actual === 'string' && UUID.test(actual)
          : name === '@integer'
            ? Number.isInteger(actual)
            : name === '@datetime'
              ? typeof actual === 'string' && DATETIME.test(actual)
              : undefined;
  if (ok === undefined) throw new Error(`unknown matcher ${name} at ${at}`);
  return ok ? [] : [`${at}: expected ${name.slice(1)}, got ${show(actual)}`];
}

function arrayMatcher(actual: unknown, spec: Record<string, unknown>, at: string): string[] {
  if (!Array.isArray(actual)) return [`${at}: expected an array, got ${show(actual)}`];
  const problems: string[] = [];
  if ('@length' in spec && actual.length !== spec['@length'])
    problems.push(`${at}: expected ${String(spec['@length'])} elements, got ${actual.length}`);
  for (const p of (spec['@includes'] as unknown[] | undefined) ?? []) {
    if (!actual.some((element) => mismatches(element, p).length === 0))
      problems.push(`${at}: no element matches ${show(p)} in ${show(actual)}`);
  }
  return problems;
}

/** The value at a dotted path (`Resources.0.id`). */
export function valueAt(value: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined),
      value,
    );
}

function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? 'nothing' : text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
