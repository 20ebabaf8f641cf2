import { readdirSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);

/** The Debian cluster of the machine's PostgreSQL: PG_CLUSTER (e.g. `15/main`), else the newest installed one's main. */
function cluster(): [string, string] {
  const named = process.env.PG_CLUSTER?.split('/');
  if (named?.length === 2) return [named[0], named[1]];
  const versions = readdirSync('/etc/postgresql').sort((a, b) => Number(a) - Number(b));
  return [versions[versions.length - 1], 'main'];
}

/** The machine's PostgreSQL: stopped, started and restarted by the fault tests. */
export async function pgCluster(action: 'start' | 'stop' | 'restart'): Promise<void> {
  await run('pg_ctlcluster', ['--skip-systemctl-redirect', ...cluster(), action], { timeout: 60_000 });
}

/** Whether the cluster answers; the fault suite leaves it running whatever happens. */
export async function pgRunning(): Promise<boolean> {
  try {
    await run('pg_ctlcluster', ['--skip-systemctl-redirect', ...cluster(), 'status'], { timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

/** One statement on a connection of its own (the server restarts between statements). */
export async function sql<T = Record<string, unknown>>(
  url: string,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new Client({
    connectionString: url,
    connectionTimeoutMillis: 5_000,
    application_name: 'scimd-fault-probe',
  });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

export interface Sessions {
  total: number;
  listening: number;
}

/** scimd's sessions, told apart from every other client by the application_name of its DATABASE_URL. */
export async function sessions(url: string, applicationName: string): Promise<Sessions> {
  const [row] = await sql<{ total: string; listening: string }>(
    url,
    `SELECT count(*) AS total, count(*) FILTER (WHERE query ILIKE 'LISTEN%') AS listening
       FROM pg_stat_activity WHERE application_name = $1`,
    [applicationName],
  );
  return { total: Number(row.total), listening: Number(row.listening) };
}

export interface Answer {
  at: number;
  ms: number;
  /** HTTP status, or 0 when no answer came within the client's timeout (a hang) or the connection failed. */
  status: number;
  error?: string;
  retryAfter: string | null;
  requestId: string | null;
  userName?: string;
}

/** A request with a client-side deadline: a hang is recorded as status 0, never waited on for good. */
export async function timed(url: string, init: RequestInit, timeoutMs: number): Promise<Answer & { body: unknown }> {
  const at = Date.now();
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON
    }
    return {
      at,
      ms: Date.now() - at,
      status: res.status,
      retryAfter: res.headers.get('retry-after'),
      requestId: res.headers.get('x-request-id'),
      body,
    };
  } catch (error) {
    return {
      at,
      ms: Date.now() - at,
      status: 0,
      error: (error as Error).name,
      retryAfter: null,
      requestId: null,
      body: undefined,
    };
  }
}

/** Workers creating users back to back until stopped; every answer is kept. */
export class WriteLoad {
  readonly answers: Answer[] = [];
  private running = true;
  private readonly workers: Promise<void>[] = [];
  private next = 0;

  constructor(
    private readonly scimBase: string,
    private readonly token: string,
    workers: number,
    private readonly timeoutMs: number,
  ) {
    for (let i = 0; i < workers; i++) this.workers.push(this.work());
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.workers);
  }

  /** The first answer of a status at or after a moment. */
  firstAfter(at: number, status: number): Answer | undefined {
    return this.answers.find((a) => a.at >= at && a.status === status);
  }

  private async work(): Promise<void> {
    while (this.running) {
      const userName = `fault-${process.pid}-${this.next++}@example.com`;
      const answer = await timed(
        `${this.scimBase}/Users`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/scim+json' },
          body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName }),
        },
        this.timeoutMs,
      );
      this.answers.push({ ...answer, body: undefined, userName } as Answer);
      // A refused connection fails at once: pause so that a dead server is not spun on.
      await new Promise((r) => setTimeout(r, answer.status === 201 ? 10 : 100));
    }
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `probe` is true; returns how long it took, or undefined when it never was within `limitMs`. */
export async function waitFor(
  probe: () => Promise<boolean>,
  limitMs: number,
  everyMs = 100,
): Promise<number | undefined> {
  const start = Date.now();
  while (Date.now() - start < limitMs) {
    if (await probe()) return Date.now() - start;
    await sleep(everyMs);
  }
  return undefined;
}
