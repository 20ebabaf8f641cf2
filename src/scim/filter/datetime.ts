/**
 * SCIM dateTime values (RFC 7643 §2.3.5: xsd:dateTime, in practice RFC 3339), e.g.
 * `2011-05-13T04:42:34Z`, `2011-05-13T04:42:34.123+02:00`. Filters compare them as instants.
 */

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))?$/;

/**
 * The instant of `text` in milliseconds since the epoch, or undefined when `text` is not a valid
 * date-time. Without a zone (allowed by xsd:dateTime) the time is taken as UTC. Fractions beyond
 * milliseconds are truncated; a leap second (`:60`) is refused.
 */
export function parseDateTime(text: string): number | undefined {
  const match = DATE_TIME.exec(text);
  if (match === null) {
    return undefined;
  }
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const fraction = match[7] ?? '';
  const sign = match[9];
  const offsetHours = Number(match[10] ?? 0);
  const offsetMinutes = Number(match[11] ?? 0);
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    hour > 23 ||
    minute > 59 ||
    second > 59 ||
    offsetHours > 23 ||
    offsetMinutes > 59
  ) {
    return undefined;
  }
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, Number(fraction.slice(0, 3).padEnd(3, '0')));
  const offset = (offsetHours * 60 + offsetMinutes) * 60_000;
  return date.getTime() - (sign === '-' ? -offset : offset);
}

/** True when `text` is a valid date-time (see {@link parseDateTime}). */
export function isDateTime(text: string): boolean {
  return parseDateTime(text) !== undefined;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
