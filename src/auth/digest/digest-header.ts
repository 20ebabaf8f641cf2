/**
 * The parameters of an `Authorization: Digest …` header (RFC 7616 §3.4), names lower-cased; undefined
 * when the header is not a Digest credential or is malformed (unterminated quotes, no parameters).
 */
export function parseDigestHeader(header: string | undefined): Record<string, string> | undefined {
  const match = header === undefined ? null : /^Digest\s+(.+)$/is.exec(header.trim());
  if (!match) return undefined;
  const params: Record<string, string> = {};
  const text = match[1];
  let i = 0;
  while (i < text.length) {
    const name = /^\s*([A-Za-z0-9_-]+)\s*=\s*/.exec(text.slice(i));
    if (!name) return undefined;
    i += name[0].length;
    let value: string;
    if (text[i] === '"') {
      let j = i + 1;
      value = '';
      while (j < text.length && text[j] !== '"') {
        if (text[j] === '\\' && j + 1 < text.length) j++;
        value += text[j++];
      }
      if (j >= text.length) return undefined;
      i = j + 1;
    } else {
      const token = /^[^\s,]*/.exec(text.slice(i))![0];
      value = token;
      i += token.length;
    }
    params[name[1].toLowerCase()] = value;
    const separator = /^\s*(,|$)\s*/.exec(text.slice(i));
    if (!separator) return undefined;
    i += separator[0].length;
  }
  return Object.keys(params).length > 0 ? params : undefined;
}
