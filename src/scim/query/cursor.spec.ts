import { thrownScimError as thrown } from '../../../test/support/thrown-scim-error';
import { CursorPosition, decodeCursor, encodeCursor, queryFingerprint } from './cursor';

const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const FP = queryFingerprint(['userName sw "a"', 'username', 'ascending']);
const NOT_ISSUED =
  'The cursor is not one this server issued: use nextCursor or previousCursor from a previous page, or no cursor to start';
const OTHER_QUERY = 'The cursor belongs to a different filter or sort order: start again without a cursor';
const b64 = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const body = (over: Record<string, unknown>) => b64({ v: 1, k: 'bob', i: ID, d: 'n', q: FP, ...over });

describe('encodeCursor / decodeCursor', () => {
  it.each<CursorPosition>([
    { key: 'bob', id: ID, direction: 'next' },
    { key: 'bob', id: ID, direction: 'previous' },
    { key: null, id: ID, direction: 'next' },
    { key: null, id: ID, direction: 'previous' },
    { key: '', id: ID, direction: 'next' },
    { key: '2024-01-02 03:04:05.678+00', id: ID, direction: 'previous' },
    { key: `O'Brien "x" ünïcødé 🙂 / + =`, id: ID, direction: 'next' },
  ])('round-trips %j', (position) => {
    const cursor = encodeCursor(position, FP);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, FP)).toEqual(position);
  });

  it('encodes base64url JSON of the compact form', () => {
    const cursor = encodeCursor({ key: 'k', id: ID, direction: 'previous' }, 'fp');
    expect(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))).toEqual({
      v: 1,
      k: 'k',
      i: ID,
      d: 'p',
      q: 'fp',
    });
  });

  it('accepts a hand-made body this server would have issued', () => {
    expect(decodeCursor(body({ k: null, d: 'p' }), FP)).toEqual({ key: null, id: ID, direction: 'previous' });
  });

  it.each([
    ['another filter', queryFingerprint(['userName sw "b"', 'username', 'ascending'])],
    ['another sort order', queryFingerprint(['userName sw "a"', 'username', 'descending'])],
    ['no fingerprint', ''],
  ])('refuses a cursor of %s', (_, fingerprint) => {
    const cursor = encodeCursor({ key: 'bob', id: ID, direction: 'next' }, FP);
    expect(thrown(() => decodeCursor(cursor, fingerprint))).toEqual([400, 'invalidCursor', OTHER_QUERY]);
  });

  it('refuses a body without a fingerprint for the query', () => {
    expect(thrown(() => decodeCursor(body({ q: undefined }), FP))).toEqual([400, 'invalidCursor', OTHER_QUERY]);
  });

  it.each([
    ['garbage', 'not a cursor!'],
    ['empty after decoding', '!!!'],
    ['base64 of non-JSON', b64('hello')],
    ['truncated', encodeCursor({ key: 'bob', id: ID, direction: 'next' }, FP).slice(0, -6)],
    ['a JSON number', b64('42')],
    ['JSON null', 'bnVsbA'],
    ['a JSON array', b64([1, 'bob', ID])],
    ['version 2', body({ v: 2 })],
    ['version "1"', body({ v: '1' })],
    ['no version', body({ v: undefined })],
    ['a numeric key', body({ k: 5 })],
    ['no key', body({ k: undefined })],
    ['an object key', body({ k: { a: 1 } })],
    ['a non-uuid id', body({ i: 'abc' })],
    ['an upper-case id', body({ i: ID.toUpperCase() })],
    ['a 37-character id', body({ i: `${ID}0` })],
    ['an SQL id', body({ i: `'; DROP TABLE scim_users; --------------` })],
    ['no id', body({ i: undefined })],
    ['a numeric id', body({ i: 7 })],
    ['direction "next"', body({ d: 'next' })],
    ['no direction', body({ d: undefined })],
  ])('refuses %s', (_, cursor) => {
    expect(thrown(() => decodeCursor(cursor, FP))).toEqual([400, 'invalidCursor', NOT_ISSUED]);
  });

  it('refuses a tampered cursor', () => {
    const cursor = encodeCursor({ key: 'bob', id: ID, direction: 'next' }, FP);
    const tampered = `${cursor.slice(0, 5)}${cursor[5] === 'A' ? 'B' : 'A'}${cursor.slice(6)}`;
    expect(thrown(() => decodeCursor(tampered, FP))).toEqual([400, 'invalidCursor', NOT_ISSUED]);
  });
});

describe('queryFingerprint', () => {
  it('is stable, 16 base64url characters', () => {
    const parts = ['userName sw "a"', 'username', 'ascending'];
    expect(queryFingerprint(parts)).toBe(queryFingerprint([...parts]));
    expect(queryFingerprint(parts)).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });

  it('tells different queries apart', () => {
    const fingerprints = [
      [undefined, undefined, 'ascending'],
      [undefined, undefined, 'descending'],
      ['userName sw "a"', undefined, 'ascending'],
      [undefined, 'userName sw "a"', 'ascending'],
      ['userName sw "a"', 'username', 'ascending'],
      ['userName sw "b"', 'username', 'ascending'],
      ['userName sw "a"', 'displayname', 'ascending'],
      ['a', 'bc', 'ascending'],
      ['ab', 'c', 'ascending'],
      ['a,b', undefined, 'ascending'],
      ['a', 'b', undefined],
    ].map((parts) => queryFingerprint(parts));
    expect(new Set(fingerprints).size).toBe(fingerprints.length);
  });
});
