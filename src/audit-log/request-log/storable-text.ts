/**
 * What PostgreSQL's `text` refuses, made storable without losing what was sent: a NUL (U+0000) —
 * which fails the whole INSERT ("invalid byte sequence for encoding UTF8: 0x00") — and a lone UTF-16
 * surrogate (which no UTF-8 text can hold) are replaced by their JSON escapes, `\u0000`, `\ud800`.
 * Text without either (all but hostile input) is returned as it is, after one scan.
 */
// eslint-disable-next-line no-control-regex -- NUL is what it finds
const NUL = /\u0000/g;
const SURROGATE = /[\ud800-\udfff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function storableText(text: string): string {
  let out = text.includes('\u0000') ? text.replace(NUL, '\\u0000') : text;
  if (SURROGATE.test(out)) out = out.replace(LONE_SURROGATE, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
  return out;
}

/** {@link storableText} cut to `max` UTF-16 units (a varchar column), never ending in half a pair. */
export function storableColumn(text: string, max: number): string {
  let out = storableText(text);
  if (out.length > max) {
    out = out.slice(0, max);
    const last = out.charCodeAt(out.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) out = out.slice(0, -1);
  }
  return out;
}

/** {@link storableText} of a nullable value. */
export function storableOrNull(text: string | null | undefined): string | null {
  return text === null || text === undefined ? null : storableText(text);
}
