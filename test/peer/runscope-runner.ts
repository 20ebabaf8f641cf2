import { createContext, runInContext } from 'node:vm';

/**
 * A runner for a Runscope test export (Okta's "SCIM 2.0 SPEC Test"), which no packaged tool runs
 * offline. It evaluates the initial script with a `variables.set` shim, substitutes `{{name}}` in
 * URLs, headers and bodies, runs the request steps in order (not pauses, nor steps marked skipped:
 * their assertions count as skipped), extracts the steps' variables, and evaluates their assertions
 * and scripts with Runscope's semantics.
 */

export interface RunscopeExport {
  name: string;
  steps: RunscopeStep[];
}

interface RunscopeStep {
  step_type: 'request' | 'pause' | string;
  skipped?: boolean;
  note?: string;
  method?: string;
  url?: string;
  headers?: Record<string, string[]>;
  body?: string | null;
  assertions?: RunscopeAssertion[];
  variables?: { source: string; name: string; property?: string }[];
  scripts?: string[];
}

interface RunscopeAssertion {
  comparison: string;
  source: string;
  property?: string | null;
  value?: string | null;
}

export interface AssertionOutcome {
  step: string;
  assertion: string;
  passed: boolean;
  detail?: string;
}

export interface RunscopeResult {
  passed: number;
  failed: number;
  /** Assertions of the steps the export marks skipped (not run). */
  skipped: number;
  outcomes: AssertionOutcome[];
}

interface Response {
  status: number;
  text: string;
  json: unknown;
  ms: number;
}

/** Runs every request step of the export against the variables given (they win over the script's). */
export async function runRunscope(
  suite: RunscopeExport,
  initialScript: string,
  given: Record<string, string>,
): Promise<RunscopeResult> {
  const variables: Record<string, string> = { ...scriptVariables(initialScript), ...given };
  const outcomes: AssertionOutcome[] = [];
  let skipped = 0;
  for (const step of suite.steps) {
    if (step.step_type !== 'request') continue;
    if (step.skipped) {
      skipped += (step.assertions ?? []).length;
      continue;
    }
    const name = step.note?.trim() || `${step.method} ${step.url}`;
    const response = await send(step, variables);
    for (const assertion of step.assertions ?? [])
      outcomes.push({ step: name, ...check(assertion, response, variables) });
    for (const variable of step.variables ?? []) {
      if (variable.source !== 'response_json') continue;
      const value = pick(response.json, variable.property ?? '');
      if (value !== undefined && value !== null) variables[variable.name] = String(value);
    }
    for (const script of step.scripts ?? [])
      if (script.trim() !== '') outcomes.push(...runScript(name, script, response, variables));
  }
  const passed = outcomes.filter((o) => o.passed).length;
  return { passed, failed: outcomes.length - passed, skipped, outcomes };
}

/** The variables the initial script sets (`variables.set(name, value)`), in a sandbox. */
export function scriptVariables(script: string): Record<string, string> {
  const variables: Record<string, string> = {};
  const context = createContext({
    variables: {
      set: (name: string, value: unknown) => (variables[name] = String(value)),
      get: (name: string) => variables[name],
    },
    Math,
  });
  runInContext(script, context, { timeout: 1000 });
  return variables;
}

/** `{{name}}` replaced by the variable's value; unknown names are left as they are. */
export function substitute(text: string, variables: Record<string, string>): string {
  return text.replace(/\{\{\s*([^}\s]+)\s*\}\}/g, (all, name: string) => variables[name] ?? all);
}

async function send(step: RunscopeStep, variables: Record<string, string>): Promise<Response> {
  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries(step.headers ?? {}))
    headers[name] = substitute(values.join(', '), variables);
  const body = step.body ? substitute(step.body, variables) : undefined;
  const started = performance.now();
  const res = await fetch(encodeURI(substitute(step.url ?? '', variables)), { method: step.method, headers, body });
  const text = await res.text();
  const ms = performance.now() - started;
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json, ms };
}

/** A value at a Runscope property path (`Resources[0].emails[0].value`); the whole body for "". */
export function pick(json: unknown, property: string): unknown {
  if (property.trim() === '') return json;
  let current: unknown = json;
  for (const part of property
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((p) => p !== '')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** Runscope's comparisons: `equal` compares the text of the values, `equal_number` their numbers. */
export function check(
  assertion: RunscopeAssertion,
  response: Response,
  variables: Record<string, string>,
): Omit<AssertionOutcome, 'step'> {
  const expected =
    assertion.value === null || assertion.value === undefined
      ? undefined
      : substitute(String(assertion.value), variables);
  const actual =
    assertion.source === 'response_status'
      ? response.status
      : assertion.source === 'response_time'
        ? response.ms
        : pick(response.json, assertion.property ?? '');
  const label = `${assertion.source}${assertion.property ? ` ${assertion.property}` : ''} ${assertion.comparison}${expected !== undefined ? ` ${expected}` : ''}`;
  const passed = compare(assertion.comparison, actual, expected);
  return { assertion: label, passed, ...(!passed && { detail: `got ${JSON.stringify(actual)?.slice(0, 200)}` }) };
}

function compare(comparison: string, actual: unknown, expected: string | undefined): boolean {
  switch (comparison) {
    case 'equal':
      return actual !== undefined && actual !== null && text(actual) === expected;
    case 'equal_number':
      return isNumeric(actual) && Number(actual) === Number(expected);
    case 'not_empty':
      return !isEmpty(actual);
    case 'has_value':
      // An array holding the value; for an object, one of its members (or their arrays) holding it.
      if (Array.isArray(actual)) return actual.some((v) => text(v) === expected);
      if (actual !== null && typeof actual === 'object')
        return Object.values(actual).some((v) =>
          Array.isArray(v) ? v.some((e) => text(e) === expected) : text(v) === expected,
        );
      return false;
    case 'contains':
      if (Array.isArray(actual)) return actual.some((v) => text(v) === expected);
      return typeof actual === 'string' && expected !== undefined && actual.includes(expected);
    case 'is_a_number':
      return isNumeric(actual);
    case 'is_less_than':
      return isNumeric(actual) && Number(actual) < Number(expected);
    default:
      throw new Error(`the runner does not know the comparison "${comparison}"`);
  }
}

/** A step's script: `assert`, `assert.ok`, `log`, `response.body`, `variables`, as Runscope gives them. */
function runScript(
  step: string,
  script: string,
  response: Response,
  variables: Record<string, string>,
): AssertionOutcome[] {
  const outcomes: AssertionOutcome[] = [];
  const assert = (value: unknown, message?: string) =>
    outcomes.push({ step, assertion: `script: ${message ?? 'assert'}`, passed: Boolean(value) });
  assert.ok = assert;
  assert.equal = (a: unknown, b: unknown, message?: string) =>
    outcomes.push({ step, assertion: `script: ${message ?? 'assert.equal'}`, passed: a == b });
  const context = createContext({
    assert,
    log: () => undefined,
    JSON,
    Array,
    response: { status: response.status, body: response.text, response_time: response.ms },
    variables: {
      get: (name: string) => variables[name],
      set: (name: string, value: unknown) => (variables[name] = String(value)),
    },
  });
  try {
    runInContext(script, context, { timeout: 1000 });
  } catch (error) {
    outcomes.push({ step, assertion: 'script ran', passed: false, detail: (error as Error).message });
  }
  return outcomes;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function isNumeric(value: unknown): boolean {
  return (
    (typeof value === 'number' && Number.isFinite(value)) ||
    (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
  );
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}
