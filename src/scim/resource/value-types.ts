import { AttributeType } from '../schemas';

/** Data types with a single JSON value (RFC 7643 §2.3), i.e. all but "complex". */
export type SimpleType = Exclude<AttributeType, 'complex'>;

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * An RFC 3339 date-time with a time zone (`Z` or `±hh:mm`), e.g. `2011-05-13T04:42:34Z`:
 * the xsd:dateTime of RFC 7643 §2.3.5, which must include a date and a time. Fields are
 * range-checked (month, day of month, hours, minutes, seconds up to a leap second 60).
 */
export function isDateTime(text: string): boolean {
  const m = DATE_TIME.exec(text);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const [offsetHour, offsetMinute] = [m[7] === undefined ? 0 : Number(m[7]), m[8] === undefined ? 0 : Number(m[8])];
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 60 &&
    offsetHour <= 23 &&
    offsetMinute <= 59
  );
}

/** Base64 of RFC 4648 §4 (RFC 7643 §2.3.6): the standard alphabet, padded, no whitespace. */
export function isBase64(text: string): boolean {
  return BASE64.test(text);
}

/** Whether `value` is a valid JSON value of a simple SCIM data type (RFC 7643 §2.3). */
export function isValidSimpleValue(type: SimpleType, value: unknown): boolean {
  switch (type) {
    case 'string':
    case 'reference':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value);
    case 'decimal':
      return typeof value === 'number' && Number.isFinite(value);
    case 'dateTime':
      return typeof value === 'string' && isDateTime(value);
    case 'binary':
      return typeof value === 'string' && isBase64(value);
  }
}

const DESCRIPTION: Record<AttributeType, string> = {
  string: 'a string',
  reference: 'a string (a reference)',
  boolean: 'a boolean',
  integer: 'an integer',
  decimal: 'a number',
  dateTime: 'a date-time with a time zone, e.g. "2011-05-13T04:42:34Z"',
  binary: 'a base64-encoded string',
  complex: 'an object',
};

/** What a value of `type` must be, for error details: "a string", "an integer", "an object"… */
export function describeType(type: AttributeType): string {
  return DESCRIPTION[type];
}
