import { AttrPath } from './ast';
import { Syntax, syntaxError } from './lexer';

/**
 * Attribute paths of RFC 7644 §3.10 / the `attrPath` rule of §3.4.2.2:
 * `[URI ":"] ATTRNAME ["." ATTRNAME]`, where ATTRNAME = ALPHA *(nameChar), nameChar = "-" / "_" /
 * DIGIT / ALPHA, and where `$ref` is also a name (RFC 7643 §2.1 and its `$ref` sub-attributes).
 *
 * The URI prefix is recognized by its `urn:` scheme (case-insensitive) and runs up to the last ':'
 * of the path, so that `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value` is
 * `{ uri: 'urn:…:enterprise:2.0:User', attr: 'manager', sub: 'value' }`.
 */

const ATTRNAME = /^(?:[A-Za-z][A-Za-z0-9_-]*|\$ref)$/i;
const URN_PREFIX = /^urn:/i;
const NAME_RULE = 'names start with a letter and contain only letters, digits, "-" and "_" (or are "$ref")';

/** True when `name` is an ATTRNAME (or `$ref`, in any case). */
export function isAttrName(name: string): boolean {
  return ATTRNAME.test(name);
}

/** True when a word could begin an attribute path (a letter or '$'); used to choose error details. */
export function looksLikeAttrPath(word: string): boolean {
  return /^[A-Za-z$]/.test(word);
}

/**
 * Parses the attribute path `text` found at offset `pos` of the input; throws a positioned 400 of
 * `syntax`'s scimType when it is malformed.
 */
export function parseAttrPath(text: string, pos: number, syntax: Syntax): AttrPath {
  let uri: string | undefined;
  let nameStart = 0;
  if (URN_PREFIX.test(text)) {
    const colon = text.lastIndexOf(':');
    if (colon === 3) {
      throw syntaxError(syntax, pos, `"${text}" is not a valid attribute path: expected "<schema URN>:<attribute>"`);
    }
    uri = text.slice(0, colon);
    nameStart = colon + 1;
    if (nameStart === text.length) {
      throw syntaxError(syntax, pos + nameStart, `expected an attribute name after the schema URN "${uri}"`);
    }
  } else if (text.includes(':')) {
    throw syntaxError(
      syntax,
      pos + text.indexOf(':'),
      `"${text}" is not a valid attribute path: ":" may only end a schema URN ("urn:…")`,
    );
  }
  const rest = text.slice(nameStart);
  const dot = rest.indexOf('.');
  const attr = dot < 0 ? rest : rest.slice(0, dot);
  checkName(attr, pos + nameStart, syntax);
  if (dot < 0) {
    return { ...(uri === undefined ? {} : { uri }), attr, pos, text };
  }
  const sub = rest.slice(dot + 1);
  const subPos = pos + nameStart + dot + 1;
  const secondDot = sub.indexOf('.');
  if (secondDot >= 0) {
    throw syntaxError(
      syntax,
      subPos + secondDot,
      `"${text}" is not a valid attribute path: at most one sub-attribute may follow the attribute name`,
    );
  }
  checkName(sub, subPos, syntax);
  return { ...(uri === undefined ? {} : { uri }), attr, sub, pos, text };
}

/** Throws unless `name` (found at `pos`) is an ATTRNAME. */
export function checkName(name: string, pos: number, syntax: Syntax): void {
  if (name === '') {
    throw syntaxError(syntax, pos, 'expected an attribute name');
  }
  if (!isAttrName(name)) {
    throw syntaxError(syntax, pos, `"${name}" is not a valid attribute name: ${NAME_RULE}`);
  }
}
