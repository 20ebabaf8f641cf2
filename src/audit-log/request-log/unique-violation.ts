/** A unique violation: on a retry, the entry was written by an attempt whose answer was lost. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | undefined;
  return e?.code === '23505' || e?.driverError?.code === '23505';
}
