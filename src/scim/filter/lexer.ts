import { ScimError } from '../errors/scim-error';

/**
 * The tokenizer shared by the filter parser (RFC 7644 §3.4.2.2) and the PATCH path parser (§3.5.2).
 *
 * A filter is made of six kinds of tokens: the four brackets, JSON strings, and "words". A word is a
 * maximal run of characters that are not whitespace, brackets or '"'; the parser decides whether a
 * word is an attribute path, an operator, a keyword, a number, a literal or (lenient mode) a bare
 * value. Lexing is a single forward pass: linear in the input length.
 */

/** The kind of a token; `end` is the sentinel after the last character. */
export type TokenKind = 'word' | 'string' | '(' | ')' | '[' | ']' | 'end';

/** One token, with its 0-based position in the input. */
export interface Token {
  readonly kind: TokenKind;
  /** The token exactly as written (for strings: with the quotes and escapes). */
  readonly text: string;
  /** The decoded value of a string token; equals `text` for other kinds. */
  readonly value: string;
  /** Offset of the first character. */
  readonly pos: number;
  /** Offset just after the last character. */
  readonly end: number;
}

/** What is being parsed: decides the error's scimType and the wording of its detail. */
export interface Syntax {
  readonly scimType: 'invalidFilter' | 'invalidPath';
  /** "filter" or "path", used in details: `Invalid filter at position 3: …`. */
  readonly noun: 'filter' | 'path';
}

/** The syntax of `filter` query parameters and value filters. */
export const FILTER_SYNTAX: Syntax = { scimType: 'invalidFilter', noun: 'filter' };

/** The syntax of PATCH `path` values. */
export const PATH_SYNTAX: Syntax = { scimType: 'invalidPath', noun: 'path' };

/** A 400 error whose detail reads `Invalid <noun> at position <pos>: <message>`. */
export function syntaxError(syntax: Syntax, pos: number, message: string): ScimError {
  return ScimError.badRequest(syntax.scimType, `Invalid ${syntax.noun} at position ${pos}: ${message}`);
}

const SHOWN_LENGTH = 40;

/** `text`, cut to 40 characters with a trailing '…' when longer: keeps error details short. */
export function shorten(text: string): string {
  return text.length > SHOWN_LENGTH ? `${text.slice(0, SHOWN_LENGTH)}…` : text;
}

/** Names a token for "found …" in error details: `"equals"`, `the string "x"`, `the end of the filter`. */
export function describeToken(token: Token, syntax: Syntax): string {
  if (token.kind === 'end') {
    return `the end of the ${syntax.noun}`;
  }
  const text = shorten(token.text);
  return token.kind === 'string' ? `the string ${text}` : `"${text}"`;
}

const SPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const SINGLE: ReadonlyMap<number, TokenKind> = new Map<number, TokenKind>([
  [0x28, '('],
  [0x29, ')'],
  [0x5b, '['],
  [0x5d, ']'],
]);
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const SIMPLE_ESCAPES: ReadonlyMap<string, string> = new Map([
  ['"', '"'],
  ['\\', '\\'],
  ['/', '/'],
  ['b', '\b'],
  ['f', '\f'],
  ['n', '\n'],
  ['r', '\r'],
  ['t', '\t'],
]);
const HEX4 = /^[0-9A-Fa-f]{4}$/;

/** Splits `input` into tokens, ending with an `end` token; throws a positioned 400 on a malformed string. */
export function tokenize(input: string, syntax: Syntax): Token[] {
  const tokens: Token[] = [];
  const length = input.length;
  let i = 0;
  while (i < length) {
    const code = input.charCodeAt(i);
    if (SPACE.has(code)) {
      i++;
      continue;
    }
    const single = SINGLE.get(code);
    if (single !== undefined) {
      tokens.push({ kind: single, text: single, value: single, pos: i, end: i + 1 });
      i++;
    } else if (code === QUOTE) {
      const token = readString(input, i, syntax);
      tokens.push(token);
      i = token.end;
    } else {
      const start = i;
      while (i < length && !isDelimiter(input.charCodeAt(i))) {
        i++;
      }
      const text = input.slice(start, i);
      tokens.push({ kind: 'word', text, value: text, pos: start, end: i });
    }
  }
  tokens.push({ kind: 'end', text: '', value: '', pos: length, end: length });
  return tokens;
}

function isDelimiter(code: number): boolean {
  return SPACE.has(code) || SINGLE.has(code) || code === QUOTE;
}

/** Reads the JSON string (RFC 8259 §7) that starts at `start` (a '"'). */
function readString(input: string, start: number, syntax: Syntax): Token {
  const parts: string[] = [];
  let i = start + 1;
  let chunk = i;
  for (;;) {
    if (i >= input.length) {
      throw syntaxError(syntax, start, "unterminated string (no closing '\"')");
    }
    const code = input.charCodeAt(i);
    if (code === QUOTE) {
      parts.push(input.slice(chunk, i));
      const text = input.slice(start, i + 1);
      return { kind: 'string', text, value: parts.join(''), pos: start, end: i + 1 };
    }
    if (code === BACKSLASH) {
      parts.push(input.slice(chunk, i));
      const escape = input.charAt(i + 1);
      if (escape === '') {
        throw syntaxError(syntax, start, "unterminated string (no closing '\"')");
      }
      if (escape === 'u') {
        const hex = input.slice(i + 2, i + 6);
        if (!HEX4.test(hex)) {
          const digits = /^[0-9A-Fa-f]*/.exec(hex)?.[0] ?? '';
          throw syntaxError(syntax, i, `invalid escape "\\u${digits}" in a string: \\u takes four hex digits`);
        }
        const decoded = parseInt(hex, 16);
        if (decoded === 0) {
          // PostgreSQL stores no NUL in text: no value can hold one, and comparing with it fails there.
          throw syntaxError(
            syntax,
            i,
            'the escape "\\u0000" (a NUL character) is not allowed in a string: no value can hold it',
          );
        }
        parts.push(String.fromCharCode(decoded));
        i += 6;
      } else {
        const decoded = SIMPLE_ESCAPES.get(escape);
        if (decoded === undefined) {
          throw syntaxError(syntax, i, `invalid escape "\\${escape}" in a string`);
        }
        parts.push(decoded);
        i += 2;
      }
      chunk = i;
    } else if (code < 0x20) {
      const hex = code.toString(16).toUpperCase().padStart(4, '0');
      throw syntaxError(syntax, i, `control character U+${hex} in a string must be escaped`);
    } else {
      i++;
    }
  }
}
