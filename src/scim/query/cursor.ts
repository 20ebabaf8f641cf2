import { createHash } from 'node:crypto';
import { ScimError } from '../errors/scim-error';

/** A position in a keyset: the sort key (as PostgreSQL prints it; null when absent) and the id. */
export interface CursorPosition {
  key: string | null;
  id: string;
  /** `next`: the rows after this one; `previous`: the rows before it. */
  direction: 'next' | 'previous';
}

interface Encoded {
  v: 1;
  k: string | null;
  i: string;
  d: 'n' | 'p';
  /** Fingerprint of the query (filter and sort) the cursor belongs to. */
  q: string;
}

/** Binds a cursor to its query, so one cannot be replayed against another filter or sort. */
export function queryFingerprint(parts: (string | undefined)[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 16);
}

/** RFC 9865 cursors are opaque to clients: base64url JSON of the keyset position. */
export function encodeCursor(position: CursorPosition, fingerprint: string): string {
  const body: Encoded = {
    v: 1,
    k: position.key,
    i: position.id,
    d: position.direction === 'next' ? 'n' : 'p',
    q: fingerprint,
  };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

/** The position of a cursor this server issued for the same query; 400 invalidCursor otherwise. */
export function decodeCursor(cursor: string, fingerprint: string): CursorPosition {
  let body: Partial<Encoded>;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<Encoded>;
  } catch {
    throw invalid();
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid();
  const keyOk = body.k === null || typeof body.k === 'string';
  if (
    body.v !== 1 ||
    !keyOk ||
    typeof body.i !== 'string' ||
    !/^[0-9a-f-]{36}$/.test(body.i) ||
    (body.d !== 'n' && body.d !== 'p')
  )
    throw invalid();
  if (body.q !== fingerprint) {
    throw new ScimError(
      400,
      'invalidCursor',
      'The cursor belongs to a different filter or sort order: start again without a cursor',
    );
  }
  return { key: body.k ?? null, id: body.i, direction: body.d === 'n' ? 'next' : 'previous' };
}

function invalid(): ScimError {
  return new ScimError(
    400,
    'invalidCursor',
    'The cursor is not one this server issued: use nextCursor or previousCursor from a previous page, or no cursor to start',
  );
}
