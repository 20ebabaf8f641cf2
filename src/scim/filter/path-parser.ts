import { ScimError } from '../errors/scim-error';
import { PatchPath } from './ast';
import { checkName, looksLikeAttrPath, parseAttrPath } from './attr-path';
import { PATH_SYNTAX, describeToken, tokenize } from './lexer';
import { DEFAULT_MAX_FILTER_DEPTH, DEFAULT_MAX_FILTER_LENGTH, FilterParser } from './parser';

/**
 * PATCH paths, RFC 7644 §3.5.2: `PATH = attrPath / valuePath [subAttr]`, e.g. `name.givenName`,
 * `emails[type eq "work"].value`, `members[value eq "2819c223…"]`, `urn:…:enterprise:2.0:User:manager`.
 *
 * A bare extension URN (`urn:ietf:params:scim:schemas:extension:enterprise:2.0:User`) parses like any
 * URN-prefixed path, as `{ uri: 'urn:…:enterprise:2.0', attr: 'User' }`: `bindPatchPath` recognizes it
 * as the whole extension object.
 */

/** Options of {@link parsePath}. */
export interface PathOptions {
  /** Longest accepted path, in UTF-16 code units; default 4096. */
  maxLength?: number;
}

/**
 * Parses a PATCH operation's `path`. The value filter has the grammar of `parseFilter` in strict mode
 * (no nested value filters, at most 32 nesting levels). Throws `ScimError` 400 `invalidPath` whose
 * detail names the 0-based position, what was expected and what was found.
 */
export function parsePath(input: string, options: PathOptions = {}): PatchPath {
  const maxLength = options.maxLength ?? DEFAULT_MAX_FILTER_LENGTH;
  if (input.length > maxLength) {
    throw ScimError.badRequest('invalidPath', `Path is longer than ${maxLength} characters`);
  }
  const tokens = tokenize(input, PATH_SYNTAX);
  const parser = new FilterParser(tokens, PATH_SYNTAX, { maxDepth: DEFAULT_MAX_FILTER_DEPTH, lenient: false });
  const first = parser.next();
  if (first.kind === 'end') {
    throw ScimError.badRequest('invalidPath', 'Path is empty');
  }
  if (first.kind !== 'word' || !looksLikeAttrPath(first.text)) {
    throw parser.error(first.pos, `expected an attribute path, found ${describeToken(first, PATH_SYNTAX)}`);
  }
  const path = parseAttrPath(first.text, first.pos, PATH_SYNTAX);
  let token = parser.peek();
  if (token.kind !== '[') {
    if (token.kind !== 'end') {
      throw parser.error(token.pos, `expected "[" or the end of the path, found ${describeToken(token, PATH_SYNTAX)}`);
    }
    return { path, text: input };
  }
  const filter = parser.parseBracketed(path, token);
  token = parser.peek();
  let subAttr: string | undefined;
  if (token.kind === 'word' && token.text.startsWith('.')) {
    subAttr = token.text.slice(1);
    checkName(subAttr, token.pos + 1, PATH_SYNTAX);
    parser.next();
    token = parser.peek();
  }
  if (token.kind !== 'end') {
    const wanted = subAttr === undefined ? '"." and a sub-attribute or the end of the path' : 'the end of the path';
    throw parser.error(token.pos, `expected ${wanted}, found ${describeToken(token, PATH_SYNTAX)}`);
  }
  return { path, filter, ...(subAttr === undefined ? {} : { subAttr }), text: input };
}
