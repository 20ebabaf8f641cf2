/** Collects the values of a parameterised query: `add(v)` returns its placeholder (`$n`). */
export class SqlParams {
  readonly values: unknown[] = [];

  /** `offset`: how many placeholders the surrounding query already uses. */
  constructor(private readonly offset = 0) {}

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.offset + this.values.length}`;
  }
}

/** Escapes LIKE wildcards so that a user's value matches literally (with `ESCAPE '\'`). */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const SAFE_KEY = /^[A-Za-z0-9:._$-]+$/;

/**
 * A JSON key as an SQL string literal. Keys come from schema definitions (canonical attribute names and
 * schema URNs), never from request text; the check makes that an invariant rather than a hope.
 */
export function jsonKey(key: string): string {
  if (!SAFE_KEY.test(key)) throw new Error(`unsafe JSON key ${JSON.stringify(key)}`);
  return `'${key}'`;
}
