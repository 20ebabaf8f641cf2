import { AttrPath, Filter, Literal, PatchPath } from './ast';
import { chainOperands } from './traverse';

/**
 * Canonical text of filters and paths: lower-case operators and keywords, single spaces, JSON values,
 * and parentheses only where needed. `parseFilter(formatFilter(f))` gives `f` back, except for the
 * `pos` and `text` fields (and a `-0`/`0` written as `-0`/`0`). Used in tests and logs.
 */

const PRECEDENCE = { or: 1, and: 2, atom: 3 } as const;

/** `[uri ":"] attr ["." sub]`. */
export function formatAttrPath(path: AttrPath): string {
  const uri = path.uri === undefined ? '' : `${path.uri}:`;
  const sub = path.sub === undefined ? '' : `.${path.sub}`;
  return `${uri}${path.attr}${sub}`;
}

/** A comparison value as JSON: `"a\"b"`, `1.5`, `true`, `null`. */
export function formatLiteral(value: Literal): string {
  if (typeof value === 'number' && Object.is(value, -0)) {
    return '-0';
  }
  return JSON.stringify(value);
}

/** The canonical text of a filter. */
export function formatFilter(filter: Filter): string {
  return format(filter, PRECEDENCE.or);
}

/** The canonical text of a PATCH path: `emails[type eq "work"].value`. */
export function formatPatchPath(path: PatchPath): string {
  const filter = path.filter === undefined ? '' : `[${formatFilter(path.filter)}]`;
  const sub = path.subAttr === undefined ? '' : `.${path.subAttr}`;
  return `${formatAttrPath(path.path)}${filter}${sub}`;
}

function precedenceOf(filter: Filter): number {
  return filter.kind === 'or' ? PRECEDENCE.or : filter.kind === 'and' ? PRECEDENCE.and : PRECEDENCE.atom;
}

/** `filter`, in parentheses when it binds more loosely than its context requires (`minimum`). */
function format(filter: Filter, minimum: number): string {
  const text = formatNode(filter);
  return precedenceOf(filter) < minimum ? `(${text})` : text;
}

function formatNode(filter: Filter): string {
  switch (filter.kind) {
    case 'compare':
      return `${formatAttrPath(filter.path)} ${filter.op} ${formatLiteral(filter.value)}`;
    case 'present':
      return `${formatAttrPath(filter.path)} pr`;
    case 'not':
      return `not (${formatFilter(filter.filter)})`;
    case 'valuePath':
      return `${formatAttrPath(filter.path)}[${formatFilter(filter.filter)}]`;
    case 'and':
    case 'or': {
      const precedence = PRECEDENCE[filter.kind];
      // Left-associative: the first operand may bind as loosely as the operator, later ones must bind tighter.
      return chainOperands(filter)
        .map((operand, i) => format(operand, i === 0 ? precedence : precedence + 1))
        .join(` ${filter.kind} `);
    }
  }
}
