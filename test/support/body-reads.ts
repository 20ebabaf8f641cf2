import { DataSource } from 'typeorm';

/** One statement that read whole request-log entries: how many, and the bytes of their bodies. */
export interface BodyRead {
  rows: number;
  bytes: number;
}

/**
 * Watches the statements of a real DataSource (each call goes through to the database unchanged) and
 * records those that returned request-log bodies. `stop()` restores the DataSource.
 */
export function watchBodyReads(dataSource: DataSource): { reads: BodyRead[]; stop: () => void } {
  const reads: BodyRead[] = [];
  const query = dataSource.query.bind(dataSource);
  const spy = jest.spyOn(dataSource, 'query').mockImplementation(async (...args: Parameters<DataSource['query']>) => {
    const result: unknown = await query(...args);
    const rows = Array.isArray(result) ? (result as Record<string, unknown>[]) : [];
    if (rows.length > 0 && 'request_body' in rows[0]) {
      reads.push({
        rows: rows.length,
        bytes: rows.reduce((sum, r) => sum + byteLength(r.request_body) + byteLength(r.response_body), 0),
      });
    }
    return result;
  });
  return { reads, stop: () => spy.mockRestore() };
}

function byteLength(text: unknown): number {
  return typeof text === 'string' ? Buffer.byteLength(text) : 0;
}
