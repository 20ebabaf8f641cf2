/** How deeply a JSON body may nest objects and arrays (docs/protocol.md). SCIM resources need 4. */
export const MAX_JSON_DEPTH = 64;

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Whether the JSON text nests objects and arrays deeper than `limit`: one forward scan that counts
 * the brackets outside strings, with no recursion, so that the check itself cannot overflow the stack
 * (every later walk of a parsed body — validation, the NUL check, PATCH — recurses). Brackets inside
 * strings do not count; the text need not be valid JSON (the parser says what else is wrong).
 */
export function jsonNestsDeeperThan(text: string, limit = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === BACKSLASH) i++;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) {
      inString = true;
    } else if (code === OPEN_OBJECT || code === OPEN_ARRAY) {
      if (++depth > limit) return true;
    } else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) {
      depth--;
    }
  }
  return false;
}

/** The error detail for such a body. */
export function jsonDepthDetail(limit = MAX_JSON_DEPTH): string {
  return `The request body nests objects and arrays deeper than ${limit} levels, the most this server accepts; flatten it`;
}
