/**
 * A filter (or PATCH path) as written, with the compared value of every comparison on a secret
 * attribute replaced: `password eq "hunter2"` → `password eq "[redacted]"`. For logs, which must show
 * what a client asked without the secret it sent. Works on text that does not parse (an unterminated
 * string is redacted to its end), so it never throws; the rest of the text is kept exactly.
 *
 * `isSecret` gets the attribute's name without its schema URN or parent (`urn:…:User:password` and
 * `x.password` → `password`), as written.
 */
export function redactComparisons(
  filter: string,
  isSecret: (name: string) => boolean,
  replacement = '"[redacted]"',
): string {
  if (!filter.includes(' ') && !filter.includes('\t')) return filter;
  return filter.replace(
    COMPARISON,
    (all, lead: string, attr: string, before: string, op: string, after: string, value: string) => {
      if (value === undefined || !isSecret(lastSegment(attr))) return all;
      return `${lead}${attr}${before}${op}${after}${replacement}`;
    },
  );
}

/**
 * One token at a time, left to right, so that a string is consumed whole: either a JSON string (kept
 * as is), or an attribute path, an operator and its value (a string, possibly unterminated, or a word).
 */
const COMPARISON = new RegExp(
  String.raw`"(?:[^"\\]|\\.)*"?|(^|[\s(\[])([^\s()\[\]"]+)(\s+)(eq|ne|co|sw|ew|gt|ge|lt|le)(\s+)("(?:[^"\\]|\\.)*"?|[^\s()\[\]"]+)`,
  'gi',
);

function lastSegment(attr: string): string {
  const cut = Math.max(attr.lastIndexOf(':'), attr.lastIndexOf('.'));
  return cut < 0 ? attr : attr.slice(cut + 1);
}
