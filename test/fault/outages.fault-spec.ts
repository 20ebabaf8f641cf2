import { randomBytes } from 'node:crypto';
import { processStore, RunningServer, startBuiltServer } from '../support/process';
import { Answer, pgCluster, pgRunning, Sessions, sessions, sleep, sql, timed, waitFor, WriteLoad } from './support';

/**
 * The machine's PostgreSQL restarted and stopped for 10 s, twice each, under write load on a spawned
 * scimd (issue 13 §1). Run alone, under the exclusive lock: `npm run test:fault`. PostgreSQL only.
 * The scenario runs once (beforeAll) and records what it saw; each test checks one promise.
 */
const URL_ = process.env.DATABASE_URL;
const ADMIN_TOKEN = 'fault-admin-token-0123456789';
const GRACE_MS = 5_000;
const POOL = 10;
const STOP_MS = 10_000;
const RECOVERY_LIMIT_MS = 5_000;
const READY_LIMIT_MS = 2_000;

interface Outage {
  kind: 'restart' | 'stop';
  /** From PostgreSQL being back (the command returned) to readiness 200 and to the first 201 of the load. */
  readyAfterMs?: number;
  writeAfterMs?: number;
  sessionsAfter?: Sessions;
  probes: { ready: Answer[]; scim: (Answer & { body: unknown })[]; admin: (Answer & { body: unknown })[] };
  during: Record<string, number>;
}

const describePg = URL_ ? describe : describe.skip;

describePg('database outages under write load (PostgreSQL restarted and stopped)', () => {
  const appName = `scimd-fault-${randomBytes(4).toString('hex')}`;
  const url = `${URL_}${URL_?.includes('?') ? '&' : '?'}application_name=${appName}`;
  const store = processStore('fault');
  const env = {
    ...store.env,
    DATABASE_URL: url,
    ADMIN_TOKEN,
    LOG_LEVEL: 'warn',
    DB_POOL_SIZE: String(POOL),
    SHUTDOWN_GRACE_MS: String(GRACE_MS),
  };
  const outages: Outage[] = [];
  let main: RunningServer | undefined;
  let second: RunningServer | undefined;
  let load: WriteLoad | undefined;
  let before: Sessions;
  let scimBase = '';
  let serverId = '';
  let shutdownAfterMs: number | undefined;
  let shutdownDuringMs: number | undefined;
  const exitCodes: (number | null)[] = [];

  /** Waits for a process to exit, at most `limit` ms; a process still running is killed (and undefined returned). */
  async function exitWithin(server: RunningServer, limit: number): Promise<{ ms?: number; code: number | null }> {
    const start = Date.now();
    const code = await Promise.race([server.exited, sleep(limit).then(() => 'timeout' as const)]);
    if (code === 'timeout') {
      server.child.kill('SIGKILL');
      return { code: await server.exited };
    }
    return { ms: Date.now() - start, code };
  }

  async function probeWhileDown(base: string, outage: Outage, untilMs: number): Promise<void> {
    const auth = { authorization: `Bearer ${credentialToken}` };
    while (Date.now() < untilMs) {
      outage.probes.ready.push(await timed(`${base}/health/ready`, {}, 5_000));
      outage.probes.scim.push(await timed(`${scimBase}/Users?count=1`, { headers: auth }, 5_000));
      outage.probes.admin.push(
        await timed(`${base}/admin/servers`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } }, 5_000),
      );
      await sleep(1_000);
    }
  }

  async function recover(base: string, outage: Outage, upAt: number): Promise<void> {
    const ready = await waitFor(async () => (await timed(`${base}/health/ready`, {}, 2_000)).status === 200, 20_000);
    outage.readyAfterMs = ready === undefined ? undefined : Date.now() - upAt;
    await waitFor(async () => load!.firstAfter(upAt, 201) !== undefined, 20_000);
    const first = load!.firstAfter(upAt, 201);
    outage.writeAfterMs = first ? first.at + first.ms - upAt : undefined;
    await sleep(3_000); // the LISTEN connection's reconnection, then a steady pool
    outage.sessionsAfter = await sessions(URL_!, appName);
  }

  function tally(answers: Answer[], from: number, to: number): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const a of answers.filter((x) => x.at >= from && x.at < to))
      counts[a.status === 0 ? `no answer (${a.error})` : a.status] =
        (counts[a.status === 0 ? `no answer (${a.error})` : a.status] ?? 0) + 1;
    return counts;
  }

  let credentialToken = '';

  beforeAll(async () => {
    main = await startBuiltServer(env);
    second = await startBuiltServer(env);
    const base = `http://127.0.0.1:${main.port}`;
    const created = await fetch(`${base}/admin/servers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Fault',
        logRequests: true,
        security: { method: 'bearer' },
        access: { rateLimit: { requestsPerSecond: 10000, burst: 100000 } },
      }),
    });
    const server = (await created.json()) as { id: string; scimUrl: string; credentials: { token: string } };
    serverId = server.id;
    credentialToken = server.credentials.token;
    scimBase = `${base}${new URL(server.scimUrl).pathname}`;
    load = new WriteLoad(scimBase, credentialToken, 4, 8_000);
    await sleep(3_000);
    before = await sessions(URL_!, appName);

    for (const kind of ['restart', 'stop', 'restart', 'stop'] as const) {
      const outage: Outage = { kind, probes: { ready: [], scim: [], admin: [] }, during: {} };
      outages.push(outage);
      const downAt = Date.now();
      if (kind === 'restart') {
        await pgCluster('restart');
      } else {
        await pgCluster('stop');
        const last = outages.filter((o) => o.kind === 'stop').length === 2;
        const probing = probeWhileDown(base, outage, Date.now() + STOP_MS - 1_500);
        if (last) {
          // SIGTERM during an outage: the second instance must still exit within its grace period.
          await sleep(2_000);
          second.child.kill('SIGTERM');
          const exit = await exitWithin(second, GRACE_MS + 5_000);
          shutdownDuringMs = exit.ms;
          exitCodes.push(exit.code);
        }
        await probing;
        await sleep(Math.max(0, downAt + STOP_MS - Date.now()));
        await pgCluster('start');
      }
      const upAt = Date.now();
      outage.during = tally(load.answers, downAt, upAt);
      await recover(base, outage, upAt);
    }
    await load.stop();
    main.child.kill('SIGTERM');
    const exit = await exitWithin(main, GRACE_MS + 5_000);
    shutdownAfterMs = exit.ms;
    exitCodes.push(exit.code);
    console.log(
      JSON.stringify(
        {
          before,
          outages: outages.map(({ probes, ...o }) => ({
            ...o,
            readyProbeMs: probes.ready.map((p) => p.ms),
            probeStatuses: {
              ready: probes.ready.map((p) => p.status),
              scim: probes.scim.map((p) => p.status),
              admin: probes.admin.map((p) => p.status),
            },
          })),
          all: tally(load.answers, 0, Infinity),
          shutdownAfterMs,
          shutdownDuringMs,
          exitCodes,
        },
        null,
        1,
      ),
    );
  }, 280_000);

  afterAll(async () => {
    await load?.stop();
    if (!(await pgRunning())) await pgCluster('start');
    for (const server of [main, second])
      if (server && server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    await store.remove();
  }, 60_000);

  it('answers again within a few seconds of each outage, by itself', () => {
    expect(outages.map((o) => o.kind)).toEqual(['restart', 'stop', 'restart', 'stop']);
    for (const outage of outages) {
      expect(outage.readyAfterMs).toBeLessThanOrEqual(RECOVERY_LIMIT_MS);
      expect(outage.writeAfterMs).toBeLessThanOrEqual(RECOVERY_LIMIT_MS);
    }
  });

  it('leaks no connection: one LISTEN session and at most the pool after every outage', () => {
    expect(before).toEqual({ total: expect.any(Number), listening: 2 }); // two instances
    expect(before.total).toBeLessThanOrEqual(2 * POOL);
    for (const outage of outages) {
      expect(outage.sessionsAfter?.listening).toBe(outage === outages[3] ? 1 : 2);
      expect(outage.sessionsAfter!.total).toBeLessThanOrEqual(outage === outages[3] ? POOL : 2 * POOL);
    }
  });

  it('answers every write with 201 or 503 + Retry-After: never a 500, never a hang', () => {
    const answers = load!.answers;
    expect(answers.filter((a) => a.status === 201).length).toBeGreaterThan(50);
    const other = answers.filter((a) => a.status !== 201 && a.status !== 503);
    expect(other.map((a) => `${a.status}${a.error ? ` ${a.error}` : ''} after ${a.ms} ms`)).toEqual([]);
    expect(answers.filter((a) => a.status === 503 && a.retryAfter === null)).toEqual([]);
    for (const outage of outages.filter((o) => o.kind === 'stop')) expect(outage.during['503']).toBeGreaterThan(0);
  });

  it('answers SCIM and admin requests 503 with Retry-After while the database is stopped', () => {
    for (const outage of outages.filter((o) => o.kind === 'stop')) {
      expect(outage.probes.scim.length).toBeGreaterThan(2);
      for (const probe of outage.probes.scim) {
        expect({ status: probe.status, retryAfter: probe.retryAfter, body: probe.body }).toEqual({
          status: 503,
          retryAfter: '5',
          body: {
            schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
            status: '503',
            detail: 'The database is unavailable; nothing was done. Retry in a few seconds',
          },
        });
      }
      for (const probe of outage.probes.admin) {
        expect({ status: probe.status, retryAfter: probe.retryAfter, body: probe.body }).toEqual({
          status: 503,
          retryAfter: '5',
          body: {
            statusCode: 503,
            error: 'Service Unavailable',
            message: 'The database is unavailable; nothing was done. Retry in a few seconds',
          },
        });
      }
    }
  });

  it('answers readiness 503 promptly while the database is stopped', () => {
    for (const outage of outages.filter((o) => o.kind === 'stop')) {
      expect(outage.probes.ready.length).toBeGreaterThan(2);
      for (const probe of outage.probes.ready) {
        expect(probe.status).toBe(503);
        expect(probe.ms).toBeLessThanOrEqual(READY_LIMIT_MS);
      }
    }
  });

  it('loses no acknowledged write', async () => {
    const acknowledged = load!.answers.filter((a) => a.status === 201).map((a) => a.userName!);
    const rows = await sql<{ n: string }>(
      URL_!,
      `SELECT count(*) AS n FROM "${store.schema}".scim_users WHERE server_id = $1 AND user_name = ANY($2)`,
      [serverId, acknowledged],
    );
    expect(Number(rows[0].n)).toBe(acknowledged.length);
  });

  it('keeps a request-log entry of every write answered before, between and after the outages', async () => {
    const ids = load!.answers.filter((a) => a.status === 201).map((a) => a.requestId!);
    const rows = await sql<{ request_id: string }>(
      URL_!,
      `SELECT request_id FROM "${store.schema}".request_logs WHERE server_id = $1 AND request_id = ANY($2)`,
      [serverId, ids],
    );
    const logged = new Set(rows.map((r) => r.request_id));
    expect({ answered: ids.length, missing: ids.filter((id) => !logged.has(id)).length }).toEqual({
      answered: ids.length,
      missing: 0,
    });
  });

  it('exits on SIGTERM within the grace period during and after an outage', () => {
    expect(exitCodes).toHaveLength(2);
    expect(shutdownDuringMs).toBeLessThanOrEqual(GRACE_MS + 1_000);
    expect(shutdownAfterMs).toBeLessThanOrEqual(GRACE_MS + 1_000);
    expect(exitCodes[1]).toBe(0);
  });
});
