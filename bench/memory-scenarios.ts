import { createHash } from 'node:crypto';
import { get, IncomingMessage } from 'node:http';
import { bigUser } from './memory-seed';

/** What the scenarios talk to: a running scimd and its admin token. */
export interface Scimd {
  origin: string;
  adminToken: string;
}

export interface ExportRead {
  bytes: number;
  lines: number;
  /** sha256 of the whole answer: equal between builds when their output is. */
  sha256: string;
  seconds: number;
}

function exportRequest(
  scimd: Scimd,
  serverId: string,
  query = '',
): Promise<{ response: IncomingMessage; abort: () => void }> {
  return new Promise((resolve, reject) => {
    const req = get(
      `${scimd.origin}/admin/servers/${serverId}/logs/export${query}`,
      { headers: { authorization: `Bearer ${scimd.adminToken}` } },
      (response) => {
        if (response.statusCode !== 200) reject(new Error(`export answered ${response.statusCode}`));
        else resolve({ response, abort: () => req.destroy() });
      },
    );
    req.on('error', reject);
  });
}

/** One export, read as fast as this process can. */
export async function readExport(scimd: Scimd, serverId: string, query = ''): Promise<ExportRead> {
  const started = Date.now();
  const { response } = await exportRequest(scimd, serverId, query);
  const hash = createHash('sha256');
  let bytes = 0;
  let lines = 0;
  for await (const chunk of response) {
    const buffer = chunk as Buffer;
    hash.update(buffer);
    bytes += buffer.length;
    for (let i = buffer.indexOf(10); i >= 0; i = buffer.indexOf(10, i + 1)) lines++;
  }
  return { bytes, lines, sha256: hash.digest('hex'), seconds: (Date.now() - started) / 1000 };
}

/**
 * `readers` exports at once, each read at no more than `bytesPerSecond` (pausing the response, so that
 * TCP pushes back on scimd) for `seconds`, then closed. Returns the bytes each one read.
 */
export async function slowReaders(
  scimd: Scimd,
  serverId: string,
  readers: number,
  bytesPerSecond: number,
  seconds: number,
): Promise<number[]> {
  return Promise.all(
    Array.from({ length: readers }, async () => {
      const { response, abort } = await exportRequest(scimd, serverId);
      const started = Date.now();
      let bytes = 0;
      return new Promise<number>((resolve) => {
        const stop = setTimeout(() => {
          abort();
          resolve(bytes);
        }, seconds * 1000);
        response.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          const ahead = bytes - (bytesPerSecond * (Date.now() - started)) / 1000;
          if (ahead > 0) {
            response.pause();
            setTimeout(() => response.resume(), (ahead / bytesPerSecond) * 1000);
          }
        });
        response.on('end', () => {
          clearTimeout(stop);
          resolve(bytes);
        });
        response.on('error', () => resolve(bytes)); // aborted
      });
    }),
  );
}

/** `requests` POST /Users with a displayName of `bodyBytes` (request and response each about that size), `concurrency` at a time. */
export async function writeUsers(
  scimd: Scimd,
  server: { id: string; token: string },
  load: { prefix: string; requests: number; bodyBytes: number; concurrency: number },
): Promise<Record<number, number>> {
  const { prefix, requests, bodyBytes, concurrency } = load;
  const statuses: Record<number, number> = {};
  let next = 0;
  async function worker(): Promise<void> {
    while (next < requests) {
      const i = next++;
      const response = await fetch(`${scimd.origin}/scim/v2/${server.id}/Users`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/scim+json' },
        body: JSON.stringify(bigUser(`${prefix}-${i}@example.com`, bodyBytes)),
      });
      await response.arrayBuffer();
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  return statuses;
}

export interface WriterStats {
  queued: number;
  written: number;
  dropped: number;
}

/** Polls the request log's stats until its queue is empty and nothing more is written for 500 ms. */
export async function writerIdle(scimd: Scimd, timeoutMs = 120_000): Promise<WriterStats> {
  const deadline = Date.now() + timeoutMs;
  let last: WriterStats | undefined;
  let quietSince = Date.now();
  for (;;) {
    const stats = (await (
      await fetch(`${scimd.origin}/admin/logs/stats`, { headers: { authorization: `Bearer ${scimd.adminToken}` } })
    ).json()) as WriterStats;
    if (!last || stats.written !== last.written || stats.queued > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= 500) return stats;
    if (Date.now() > deadline) throw new Error(`the request log did not settle: ${JSON.stringify(stats)}`);
    last = stats;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Creates an identity server through the admin API, its rate limit raised so that no request is answered 429. */
export async function createIdentityServer(
  scimd: Scimd,
  name: string,
  logRequests: boolean,
): Promise<{ id: string; token: string }> {
  const response = await fetch(`${scimd.origin}/admin/servers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${scimd.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      name,
      logRequests,
      security: { method: 'bearer' },
      access: { rateLimit: { requestsPerSecond: 10000, burst: 100000 } },
    }),
  });
  if (response.status !== 201)
    throw new Error(`POST /admin/servers answered ${response.status}: ${await response.text()}`);
  const body = (await response.json()) as { id: string; credentials: { token: string } };
  return { id: body.id, token: body.credentials.token };
}

export async function deleteIdentityServer(scimd: Scimd, id: string): Promise<void> {
  const response = await fetch(`${scimd.origin}/admin/servers/${id}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${scimd.adminToken}` },
  });
  if (response.status !== 204) throw new Error(`DELETE /admin/servers/${id} answered ${response.status}`);
}
