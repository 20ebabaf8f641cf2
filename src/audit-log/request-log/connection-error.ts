/**
 * Whether an error means the database could not be reached (the statement may well succeed later),
 * as opposed to the database refusing this statement: a refused connection or one that died, a pool
 * that timed out handing out a connection, SQLSTATE class 08 (connection exception), 57P01–57P03
 * (administrator/crash shutdown, cannot connect now) and 53300 (too many connections).
 */
const CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', '57P01', '57P02', '57P03', '53300']);
const MESSAGES = /connection terminated|timeout exceeded when trying to connect|connection error|not queryable|econnrefused|server closed the connection/i;

export function isConnectionError(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (CODES.has(code) || code.startsWith('08'))) return true;
    if (typeof message === 'string' && MESSAGES.test(message)) return true;
    e = (e as { driverError?: unknown; cause?: unknown }).driverError ?? (e as { cause?: unknown }).cause;
  }
  return false;
}

/** A unique violation: on a retry, the entry was written by an attempt whose answer was lost. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | undefined;
  return e?.code === '23505' || e?.driverError?.code === '23505';
}
