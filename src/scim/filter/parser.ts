import { Leniency } from '../compat/leniency';
import { ScimError } from '../errors/scim-error';
import { AttrPath, CompareOp, Filter, Literal } from './ast';
import { looksLikeAttrPath, parseAttrPath } from './attr-path';
import { FILTER_SYNTAX, Syntax, Token, describeToken, shorten, syntaxError, tokenize } from './lexer';

/**
 * The SCIM filter parser (RFC 7644 §3.4.2.2, Figure 1), a recursive-descent parser without
 * backtracking, so linear in the number of tokens:
 *
 *     filter    = andExp *("or" andExp)                  ; left-associative
 *     andExp    = unary *("and" unary)                   ; left-associative
 *     unary     = "not" "(" filter ")" / "(" filter ")" / attrExp / valuePath
 *     attrExp   = attrPath "pr" / attrPath compareOp compValue
 *     valuePath = attrPath "[" filter "]"                ; no valuePath inside (RFC 7644 errata 4690)
 *
 * so `not` binds tightest (it requires parentheses), then `and`, then `or`. Operators, `and`, `or`,
 * `not`, `pr`, `true`, `false` and `null` are case-insensitive; the AST holds lower-case operators.
 * Only parentheses, `not (` and value filters nest (each is one level of `maxDepth`); and/or chains
 * are loops, so a 1000-term `or` chain is depth 0 (consumers walk such chains with `chainOperands`).
 */

/** Options of {@link parseFilter}. */
export interface FilterOptions {
  /** Longest accepted filter, in UTF-16 code units; default 4096. */
  maxLength?: number;
  /** Deepest accepted nesting of parentheses, `not (…)` and value filters `attr[…]`; default 32. */
  maxDepth?: number;
  /**
   * Also accept bare (unquoted) string values, as some clients send them: `userName sw O`. A bare
   * word that is not `true`/`false`/`null` or a JSON number becomes a string. Default false.
   */
  lenient?: boolean;
  /**
   * Accept bare string values as `lenient` does, recording each use (`unquoted-filter-value`); a
   * strict leniency refuses them with the usual positioned error instead.
   */
  leniency?: Leniency;
}

/** Default of {@link FilterOptions.maxLength}. */
export const DEFAULT_MAX_FILTER_LENGTH = 4096;

/** Default of {@link FilterOptions.maxDepth}. */
export const DEFAULT_MAX_FILTER_DEPTH = 32;

/** The comparison operators of RFC 7644 Table 3, lower-case. */
export const COMPARE_OPS: readonly CompareOp[] = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'];

const COMPARE_OP_SET: ReadonlySet<string> = new Set(COMPARE_OPS);
const LOGICAL = new Set(['and', 'or']);
const JSON_NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;
const EXPECTED_OPERATOR = 'a comparison operator (eq, ne, co, sw, ew, gt, ge, lt, le, pr)';
const EXPECTED_VALUE = 'a value (a quoted string, a number, true, false or null)';

/**
 * Parses a SCIM filter into its AST. Throws `ScimError` 400 `invalidFilter` whose detail names the
 * 0-based position, what was expected and what was found.
 */
export function parseFilter(input: string, options: FilterOptions = {}): Filter {
  const maxLength = options.maxLength ?? DEFAULT_MAX_FILTER_LENGTH;
  if (input.length > maxLength) {
    throw ScimError.badRequest('invalidFilter', `Filter is longer than ${maxLength} characters`);
  }
  const tokens = tokenize(input, FILTER_SYNTAX);
  if (tokens[0].kind === 'end') {
    throw ScimError.badRequest('invalidFilter', 'Filter is empty');
  }
  const parser = new FilterParser(tokens, FILTER_SYNTAX, {
    maxDepth: options.maxDepth ?? DEFAULT_MAX_FILTER_DEPTH,
    lenient: options.lenient ?? false,
    leniency: options.leniency,
  });
  const filter = parser.parseFilter();
  parser.expectEnd();
  return filter;
}

/** Where a sub-expression must stop: at the end of the input, or at the bracket closing `open`. */
type Closing = { kind: 'end' } | { kind: ')' | ']'; open: Token };

/**
 * The parser over a token list; shared with the PATCH path parser, which parses the value filter
 * of `attr[…]` with {@link FilterParser.parseBracketed}. Not part of the public API.
 */
export class FilterParser {
  private index = 0;
  private depth = 0;
  /** The attribute of the value filter being parsed, if any: value filters do not nest. */
  private valueScope: AttrPath | undefined;

  constructor(
    private readonly tokens: readonly Token[],
    readonly syntax: Syntax,
    private readonly options: { maxDepth: number; lenient: boolean; leniency?: Leniency },
  ) {}

  /** The current token (the `end` token once the input is consumed). */
  peek(): Token {
    return this.tokens[this.index];
  }

  /** Consumes and returns the current token. */
  next(): Token {
    const token = this.tokens[this.index];
    if (token.kind !== 'end') {
      this.index++;
    }
    return token;
  }

  /** A positioned 400 of this parser's syntax. */
  error(pos: number, message: string): ScimError {
    return syntaxError(this.syntax, pos, message);
  }

  /** `filter = andExp *("or" andExp)`. */
  parseFilter(): Filter {
    let left = this.parseAnd();
    while (this.atKeyword('or')) {
      const op = this.next();
      left = { kind: 'or', left, right: this.parseAnd(), pos: op.pos };
    }
    return left;
  }

  /** Throws unless the whole input has been consumed. */
  expectEnd(): void {
    this.expectClosing({ kind: 'end' });
  }

  /**
   * Parses `"[" filter "]"` (the current token is the `[` given as `open`) as the value filter of
   * `path`, consuming the closing `]`.
   */
  parseBracketed(path: AttrPath, open: Token): Filter {
    if (this.valueScope !== undefined) {
      throw this.error(open.pos, `value filters cannot be nested: "${path.text}[" inside "${this.valueScope.text}[…]"`);
    }
    this.next();
    this.enter(open);
    this.valueScope = path;
    const filter = this.parseFilter();
    this.expectClosing({ kind: ']', open });
    this.next();
    this.valueScope = undefined;
    this.depth--;
    return filter;
  }

  private parseAnd(): Filter {
    let left = this.parseUnary();
    while (this.atKeyword('and')) {
      const op = this.next();
      left = { kind: 'and', left, right: this.parseUnary(), pos: op.pos };
    }
    return left;
  }

  private parseUnary(): Filter {
    const token = this.peek();
    if (token.kind === '(') {
      return this.parseGroup(token);
    }
    if (token.kind === 'word') {
      const word = token.text.toLowerCase();
      const followedByOperator = this.startsAttrExpTail(this.tokens[this.index + 1]);
      if (word === 'not' && !followedByOperator) {
        this.next();
        const open = this.peek();
        if (open.kind !== '(') {
          throw this.error(open.pos, `expected "(" after "not", found ${this.describe(open)}`);
        }
        return { kind: 'not', filter: this.parseGroup(open), pos: token.pos };
      }
      if (looksLikeAttrPath(token.text) && !(LOGICAL.has(word) && !followedByOperator)) {
        return this.parseAttrExp();
      }
    }
    const previous = this.index > 0 ? ` after "${this.tokens[this.index - 1].text}"` : '';
    throw this.error(token.pos, `expected an attribute path, "not" or "("${previous}, found ${this.describe(token)}`);
  }

  /** `"(" filter ")"`, the current token being the `(`. */
  private parseGroup(open: Token): Filter {
    this.next();
    this.enter(open);
    const filter = this.parseFilter();
    this.expectClosing({ kind: ')', open });
    this.next();
    this.depth--;
    return filter;
  }

  /** `attrPath ("pr" / compareOp compValue / "[" filter "]")`, from `word` (the next token unless given). */
  private parseAttrExp(word: Token = this.next()): Filter {
    const path = parseAttrPath(word.text, word.pos, this.syntax);
    const token = this.peek();
    if (token.kind === '[') {
      return this.parseValuePath(path, token);
    }
    if (token.kind === 'word') {
      const op = token.text.toLowerCase();
      if (op === 'pr') {
        this.next();
        this.refuseValueAfterPresent();
        return { kind: 'present', path, pos: path.pos };
      }
      if (isCompareOp(op)) {
        this.next();
        return { kind: 'compare', path, op, value: this.parseValue(token), pos: path.pos };
      }
    }
    throw this.error(
      token.pos,
      `expected ${EXPECTED_OPERATOR} after "${shorten(path.text)}", found ${this.describe(token)}`,
    );
  }

  private parseValuePath(path: AttrPath, open: Token): Filter {
    const filter = this.parseBracketed(path, open);
    const after = this.peek();
    if (after.kind === 'word' && after.text.startsWith('.')) {
      const sub = shorten(after.text.slice(1));
      const refusal = () =>
        this.error(
          after.pos,
          `a filter cannot name a sub-attribute after a value filter ("${path.text}[…].${sub}"); ` +
            `put the condition inside the brackets instead: ${path.text}[… and ${sub} …]`,
        );
      if (!this.options.lenient) {
        if (this.options.leniency === undefined) throw refusal();
        this.options.leniency.allow('value-path-sub-attribute', refusal);
      }
      // Entra's `emails[type eq "work"].value eq "x"`: the comparison joins the bracketed condition.
      this.next();
      const inner = this.parseAttrExp({ ...after, text: after.text.slice(1), pos: after.pos + 1 });
      if (inner.kind === 'valuePath') throw this.error(inner.pos, `a value filter cannot follow "${path.text}[…]."`);
      return {
        kind: 'valuePath',
        path,
        filter: { kind: 'and', left: filter, right: inner, pos: after.pos },
        pos: path.pos,
      };
    }
    return { kind: 'valuePath', path, filter, pos: path.pos };
  }

  /** `compValue = false / null / true / number / string`, after the operator token `op`. */
  private parseValue(op: Token): Literal {
    const token = this.peek();
    const expected = `expected ${EXPECTED_VALUE} after "${op.text}"`;
    if (token.kind === 'string') {
      this.next();
      return token.value;
    }
    if (token.kind === 'word') {
      const word = token.text.toLowerCase();
      const literal = literalOf(word);
      if (literal !== undefined) {
        this.next();
        return literal.value;
      }
      if (JSON_NUMBER.test(token.text)) {
        const value = Number(token.text);
        if (!Number.isFinite(value)) {
          throw this.error(token.pos, `the number ${shorten(token.text)} is out of range`);
        }
        this.next();
        return value;
      }
      if (!LOGICAL.has(word)) {
        const refusal = () =>
          this.error(
            token.pos,
            `${expected}, found the unquoted word ${shorten(token.text)}; ` +
              `string values must be quoted: ${shorten(JSON.stringify(token.text))}`,
          );
        if (!this.options.lenient) {
          if (this.options.leniency === undefined) throw refusal();
          this.options.leniency.allow('unquoted-filter-value', refusal);
        }
        this.next();
        return token.text;
      }
    }
    throw this.error(token.pos, `${expected}, found ${this.describe(token)}`);
  }

  /** `title pr "x"`: a value after `pr` gets its own detail rather than "expected and/or". */
  private refuseValueAfterPresent(): void {
    const token = this.peek();
    const valueLike =
      token.kind === 'string' ||
      (token.kind === 'word' && !LOGICAL.has(token.text.toLowerCase()) && !token.text.startsWith('.'));
    if (valueLike) {
      throw this.error(token.pos, `"pr" takes no value, found ${this.describe(token)}`);
    }
  }

  /** After a complete expression: the next token must be and/or (handled by the caller) or `closing`. */
  private expectClosing(closing: Closing): void {
    const token = this.peek();
    if (token.kind === closing.kind) {
      return;
    }
    if (closing.kind === 'end' && (token.kind === ')' || token.kind === ']')) {
      const open = token.kind === ')' ? '(' : '[';
      throw this.error(token.pos, `found "${token.kind}" without a matching "${open}"`);
    }
    const wanted =
      closing.kind === 'end'
        ? `the end of the ${this.syntax.noun}`
        : `"${closing.kind}" to close the "${closing.open.text}" at position ${closing.open.pos}`;
    throw this.error(token.pos, `expected "and", "or" or ${wanted}, found ${this.describe(token)}`);
  }

  private enter(open: Token): void {
    this.depth++;
    if (this.depth > this.options.maxDepth) {
      throw this.error(
        open.pos,
        `more than ${this.options.maxDepth} nested levels of parentheses, "not" and value filters`,
      );
    }
  }

  private atKeyword(keyword: string): boolean {
    const token = this.peek();
    return token.kind === 'word' && token.text.toLowerCase() === keyword;
  }

  /** True when `token` can follow an attribute path: an operator, `pr` or `[`. */
  private startsAttrExpTail(token: Token | undefined): boolean {
    if (token === undefined) {
      return false;
    }
    const word = token.text.toLowerCase();
    return token.kind === '[' || (token.kind === 'word' && (word === 'pr' || COMPARE_OP_SET.has(word)));
  }

  private describe(token: Token): string {
    return describeToken(token, this.syntax);
  }
}

function isCompareOp(word: string): word is CompareOp {
  return COMPARE_OP_SET.has(word);
}

function literalOf(word: string): { value: boolean | null } | undefined {
  switch (word) {
    case 'true':
      return { value: true };
    case 'false':
      return { value: false };
    case 'null':
      return { value: null };
    default:
      return undefined;
  }
}
