/**
 * `npm run bench`: seeds one identity server of scimd, then measures each operation of an IdP workload
 * against scimd and against a framework-free baseline doing the same SQL, and writes bench/RESULTS.md.
 * A measurement, never a test: exits 0 unless the bench could not run. See bench/README.md.
 */
import { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { explainAll, Plan } from './explain';
import { cpuBusy, OtherCpuMeter, waitForQuietCpu } from './cpu';
import { measureLogCost } from './log-cost';
import { walk, WalkResult } from './walk';
import { describeMachine, notes } from './machine';
import {
  backendPids,
  freePort,
  snapshotBuild,
  startBaseline,
  startScimd,
  stop,
  tail,
  waitForIdleDatabase,
  waitReady,
} from './processes';
import { loadCompilers } from './scimd-sql';
import {
  BenchConfig,
  consoleSummary,
  LOG_COST_GUARD_MS,
  LOG_COST_PERIOD_MS,
  LOG_COST_RUN_FACTOR,
  LogCostResult,
  markdown,
  OperationResult,
  Outcome,
} from './report';
import { seed } from './seed';
import { measure, OPERATIONS, Population, Target } from './workload';

const USAGE = `Usage: npm run bench -- [options]
  --users N          users to seed (default 10000)
  --groups N         small groups of 10 members (default 100)
  --big-group N      members of the big group (default min(100000, users))
  --duration S       seconds per measured run (default 10)
  --warmup S         warm-up seconds before each run (default 2)
  --connections N    concurrent HTTP connections (default 32)
  --pool N           PostgreSQL pool of scimd and of the baseline (default 20)
  --batch N          rows per seeding INSERT (default 20000)
  --database-url URL server to create the bench database on (default $BENCH_DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres)
  --only a,b         measure only these operations (${OPERATIONS.map((o) => o.name).join(', ')})
  --output FILE      report file (default bench/RESULTS.md)
  --keep-db          do not drop the bench database at the end
  --profile DIR      run scimd with --cpu-prof, writing its CPU profile to DIR when it stops
  --log-cost a,b     measure these operations again with the request log on (default lookup,create,patch-active; "" for none)`;

const ROOT = resolve(__dirname, '..');
/** The copy of scimd's build (dist/) that the bench runs and loads its SQL compilers from. */
const SCIMD = join(__dirname, 'scimd');
const log = (line: string): void => console.log(line);

const { values: args } = parseArgs({
  options: {
    users: { type: 'string', default: '10000' },
    groups: { type: 'string', default: '100' },
    'big-group': { type: 'string' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '32' },
    pool: { type: 'string', default: '20' },
    batch: { type: 'string', default: '20000' },
    'database-url': { type: 'string' },
    only: { type: 'string' },
    output: { type: 'string', default: join(ROOT, 'bench', 'RESULTS.md') },
    'keep-db': { type: 'boolean', default: false },
    profile: { type: 'string' },
    'log-cost': { type: 'string', default: 'lookup,create,patch-active' },
    help: { type: 'boolean', default: false },
  },
});

function int(name: string, value: string | undefined, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}, not ${value}`);
  return n;
}

const children: ChildProcess[] = [];
let dropDatabase: (() => Promise<void>) | undefined;
let benchClient: Client | undefined;
let cleaning: Promise<void> | undefined;

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const child of children) await stop(child);
    await benchClient?.end().catch(() => undefined);
    if (dropDatabase)
      await dropDatabase().catch((e: unknown) => log(`could not drop the bench database: ${String(e)}`));
  })();
  return cleaning;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    log(`\n${signal}: stopping the servers and dropping the bench database…`);
    void cleanup().finally(() => process.exit(130));
  });
}

async function main(): Promise<void> {
  if (args.help) return log(USAGE);
  const users = int('users', args.users, 1);
  const config: BenchConfig = {
    users,
    groups: int('groups', args.groups, 0),
    bigGroup: Math.min(users, int('big-group', args['big-group'] ?? String(Math.min(100_000, users)), 0)),
    duration: int('duration', args.duration, 1),
    warmup: int('warmup', args.warmup, 0),
    connections: int('connections', args.connections, 1),
    pool: int('pool', args.pool, 1),
  };
  const only = args.only?.split(',').map((s) => s.trim());
  const operations = only ? OPERATIONS.filter((o) => only.includes(o.name)) : OPERATIONS;
  if (operations.length === 0)
    throw new Error(`--only matches no operation (${OPERATIONS.map((o) => o.name).join(', ')})`);
  await snapshotBuild(join(ROOT, 'dist'), SCIMD);
  const compilerError = loadCompilers(SCIMD);
  if (compilerError)
    log(
      `note: scimd's SQL compilers could not be loaded (${compilerError}); the query plans will use hand-written SQL`,
    );
  const logs = join(ROOT, 'bench', 'data');
  mkdirSync(logs, { recursive: true });

  // A fresh database on the given server, dropped at the end.
  const adminUrl = new URL(
    args['database-url'] ?? process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  );
  const database = `scimd_bench_${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}`;
  const admin = new Client({ connectionString: adminUrl.toString() });
  admin.on('error', (e: Error) => log(`connection to ${adminUrl.host} lost: ${e.message}`));
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  log(`created database ${database}`);
  if (!args['keep-db']) {
    dropDatabase = async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      log(`dropped database ${database}`);
    };
  }
  const benchUrl = new URL(adminUrl.toString());
  benchUrl.pathname = `/${database}`;

  // scimd: migrations run at start; then one identity server through the admin API.
  const scimdPort = await freePort();
  const scimdOrigin = `http://127.0.0.1:${scimdPort}`;
  const adminToken = randomBytes(24).toString('hex');
  const scimdLog = join(logs, 'scimd.log');
  const scimd = startScimd(
    ROOT,
    join(SCIMD, 'main.js'),
    {
      ...process.env,
      DATABASE_URL: benchUrl.toString(),
      DATABASE_SCHEMA: 'public',
      PORT: String(scimdPort),
      HOST: '127.0.0.1',
      PUBLIC_URL: scimdOrigin,
      ADMIN_TOKEN: adminToken,
      LOG_LEVEL: 'warn',
      DB_POOL_SIZE: String(config.pool),
      MIGRATIONS_RUN: 'true',
    },
    scimdLog,
    args.profile === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${resolve(args.profile)}`],
  );
  children.push(scimd);
  await waitReady(`${scimdOrigin}/health/ready`, scimd, 60_000).catch((e: unknown) => {
    throw new Error(`scimd did not start: ${String(e)}\n${tail(scimdLog)}`);
  });
  const created = await fetch(`${scimdOrigin}/admin/servers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    // The per-credential rate limit (50/s by default) would answer most requests 429: raised to its
    // maximum, so that the bench measures the work (the limiter still runs on every request).
    body: JSON.stringify({
      name: 'bench',
      security: { method: 'bearer' },
      access: { rateLimit: { requestsPerSecond: 10000, burst: 100000 } },
    }),
  });
  if (created.status !== 201)
    throw new Error(`POST /admin/servers answered ${created.status}: ${await created.text()}`);
  const server = (await created.json()) as { id: string; credentials: { token: string } };
  log(`scimd is up on ${scimdOrigin}, identity server ${server.id}`);

  // Seed.
  const db = new Client({ connectionString: benchUrl.toString() });
  db.on('error', () => undefined); // the connection ends when the database is dropped
  await db.connect();
  benchClient = db;
  log(
    `seeding ${config.users.toLocaleString('en-US')} users, ${config.groups} groups, a big group of ${config.bigGroup.toLocaleString('en-US')}…`,
  );
  const seedStart = Date.now();
  const seeded = await seed(db, {
    serverId: server.id,
    users: config.users,
    groups: config.groups,
    bigGroup: config.bigGroup,
    batch: int('batch', args.batch, 1),
    sampleSize: 5000,
    log,
  });
  const seedSeconds = (Date.now() - seedStart) / 1000;
  const t = seeded.timings;
  const seedDetail = `users ${t.users.toFixed(1)} s, groups ${t.groups.toFixed(1)} s, ${seeded.memberships.toLocaleString('en-US')} memberships ${t.members.toFixed(1)} s, VACUUM ANALYZE ${t.vacuum.toFixed(1)} s`;
  log(`seeded in ${seedSeconds.toFixed(1)} s (${seedDetail})`);

  // The baseline, in its own process.
  const baselinePort = await freePort();
  const baselineLog = join(logs, 'baseline.log');
  const baseline = await startBaseline(
    join(__dirname, 'baseline-server.js'),
    {
      ...process.env,
      BASELINE_DATABASE_URL: benchUrl.toString(),
      BASELINE_PORT: String(baselinePort),
      BASELINE_POOL_SIZE: String(config.pool),
    },
    baselineLog,
    30_000,
  );
  children.push(baseline);

  log('EXPLAIN of the key queries…');
  const plans: Plan[] = await explainAll(db, {
    distDir: SCIMD,
    serverId: server.id,
    users: config.users,
    bigGroupId: seeded.bigGroupId,
    bigGroup: config.bigGroup,
    sample: seeded.sample,
  });

  const population: Population = { users: config.users, sample: seeded.sample, bigGroupId: seeded.bigGroupId };
  const targets: Target[] = [
    { name: 'scimd', origin: scimdOrigin, serverId: server.id, token: server.credentials.token },
    { name: 'baseline', origin: `http://127.0.0.1:${baselinePort}`, serverId: server.id, token: 'none' },
  ];
  const settings = { duration: config.duration, connections: config.connections, warmup: config.warmup };
  const results: OperationResult[] = [];
  const idleBusy = await cpuBusy(2000);
  if (idleBusy !== undefined && idleBusy > 0.1)
    log(
      `warning: ${Math.round(idleBusy * 100)}% of the CPUs are busy with the servers idle: something else is running, the figures will be low`,
    );
  const loadBefore = loadavg()[0];
  /** Our processes, whose CPU time is not "other": this one (autocannon), both servers, our database's backends. */
  const ours = async (): Promise<number[]> => [
    process.pid,
    scimd.pid ?? 0,
    baseline.pid ?? 0,
    ...(await backendPids(db)),
  ];
  for (const operation of operations) {
    const outcomes: Outcome[] = [];
    for (const target of targets) {
      const waited = await waitForIdleDatabase(db, 120_000);
      if (waited > 1) log(`  (waited ${waited.toFixed(1)} s for the previous run's queries to finish)`);
      await db.query('CHECKPOINT').catch(() => undefined); // each run starts without the previous one's dirty pages
      const quiet = await waitForQuietCpu(30_000);
      if (quiet > 1.5) log(`  (waited ${quiet.toFixed(0)} s for other processes to leave the CPUs)`);
      process.stdout.write(`${operation.name} → ${target.name}… `);
      const meter = new OtherCpuMeter(ours);
      await meter.begin();
      const outcome: Outcome = await measure(target, operation, population, settings).catch((e: unknown) => ({
        failed: String(e),
      }));
      const otherCpu = await meter.end();
      if (!('failed' in outcome)) outcome.otherCpu = otherCpu;
      log(
        'failed' in outcome
          ? `failed: ${outcome.failed}`
          : `${Math.round(outcome.requestsPerSecond)} req/s, p99 ${outcome.p99} ms${outcome.non2xx + outcome.errors > 0 ? `, ${outcome.non2xx} non-2xx, ${outcome.errors} errors` : ''}${(outcome.otherCpu ?? 0) > 0.1 ? ` (other processes used ${Math.round((outcome.otherCpu ?? 0) * 100)}% of the CPUs)` : ''}`,
      );
      outcomes.push(outcome);
    }
    results.push({ operation, scimd: outcomes[0], baseline: outcomes[1] });
  }

  // Paging through every user: scimd with cursors and with startIndex, the baseline with startIndex.
  const walks: WalkResult[] = [];
  for (const [target, kind] of [
    [targets[0], 'cursor'],
    [targets[0], 'startIndex'],
    [targets[1], 'startIndex'],
  ] as const) {
    await waitForIdleDatabase(db, 120_000);
    process.stdout.write(`walk with ${kind} → ${target.name}… `);
    const walked = await walk(target, kind);
    log(
      walked.failed
        ? `failed: ${walked.failed}`
        : walked.skipped
          ? `skipped: ${walked.skipped}`
          : `${walked.pages} pages, first p50 ${walked.firstP50} ms, last p50 ${walked.lastP50} ms`,
    );
    walks.push(walked);
  }

  // The request log's cost: one long run per operation, the log switched off and on every 2 s.
  const logCost: LogCostResult[] = [];
  const logOps = results.filter((r) => (args['log-cost'] ?? '').split(',').includes(r.operation.name));
  const setLogging = async (on: boolean): Promise<void> => {
    const patched = await fetch(`${scimdOrigin}/admin/servers/${server.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ logRequests: on }),
    });
    if (patched.status !== 200)
      throw new Error(`PATCH logRequests answered ${patched.status}: ${await patched.text()}`);
  };
  const logSettings = {
    ...settings,
    duration: settings.duration * LOG_COST_RUN_FACTOR,
    periodMs: LOG_COST_PERIOD_MS,
    guardMs: LOG_COST_GUARD_MS,
  };
  for (const r of logOps) {
    await waitForIdleDatabase(db, 120_000);
    await db.query('CHECKPOINT').catch(() => undefined);
    await waitForQuietCpu(30_000);
    process.stdout.write(
      `${r.operation.name} → scimd, request log switched off and on every ${LOG_COST_PERIOD_MS / 1000} s… `,
    );
    const pids = async () => [scimd.pid ?? 0, ...(await backendPids(db))];
    const measured = await measureLogCost(targets[0], r.operation, population, logSettings, { setLogging, pids }).catch(
      (e: unknown) => ({ failed: String(e) }),
    );
    log(
      'failed' in measured
        ? `failed: ${measured.failed}`
        : `p50 ${measured.off.p50} → ${measured.on.p50} ms (paired median ${((measured.pairedCost ?? NaN) * 100).toFixed(1)}% over ${measured.pairs}), CPU per request ${Math.round(measured.off.cpuMicros ?? 0)} → ${Math.round(measured.on.cpuMicros ?? 0)} µs (scimd ${Math.round(measured.off.scimdCpuMicros ?? 0)} → ${Math.round(measured.on.scimdCpuMicros ?? 0)} µs)`,
    );
    logCost.push({ operation: r.operation, measured });
  }

  const machine = { ...(await describeMachine(db)), load: [loadBefore, loadavg()[0]] as [number, number], idleBusy };
  const report = markdown({
    machine,
    config,
    seed: { seconds: seedSeconds, detail: seedDetail },
    results,
    walks,
    logCost,
    plans,
    notes: notes(ROOT, plans),
  });
  writeFileSync(args.output, report);
  log(`\n${consoleSummary(results)}\n\nwrote ${args.output}`);
  await cleanup();
  await admin.end();
}

main().then(
  () => process.exit(0),
  async (error: unknown) => {
    console.error(`bench could not run: ${error instanceof Error ? error.message : String(error)}`);
    await cleanup();
    process.exit(1);
  },
);
