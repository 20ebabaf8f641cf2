/** The most of a request or response body the log keeps, in bytes (UTF-8). */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * The text whole when it fits in `limit` bytes; otherwise its first `limit` bytes (never splitting a
 * character) followed by a marker saying how many bytes were dropped.
 */
export function truncateBody(text: string, limit = MAX_BODY_BYTES): string {
  // A UTF-8 character takes at most 4 bytes: a string this short always fits.
  if (text.length * 3 <= limit) return text;
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= limit) return text;
  let end = limit;
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--; // back to the start of a character
  return `${bytes.subarray(0, end).toString('utf8')}…[truncated: ${bytes.length - end} of ${bytes.length} bytes dropped]`;
}
