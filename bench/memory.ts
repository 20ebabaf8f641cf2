/**
 * `npm run bench:memory`: how much memory the request log costs scimd (issue 13). Three scenarios —
 * one export of a large log, three slow readers of it at once, many logged writes with large bodies
 * (and the same writes unlogged, for comparison) — each run against a fresh scimd process, measuring
 * the peak of its RSS over the RSS it had just before. Builds (this one and, with --before, an older
 * one) alternate round by round on the same store. Writes bench/RESULTS-memory.md. A measurement,
 * never a test: exits 0 unless it could not run. See bench/README.md.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { Build, Engine, memoryReport, Measurement, ScenarioName, SCENARIOS } from './memory-report';
import {
  createIdentityServer,
  deleteIdentityServer,
  readExport,
  Scimd,
  slowReaders,
  writerIdle,
  writeUsers,
} from './memory-scenarios';
import { Exec, seedLogEntries } from './memory-seed';
import { freePort, snapshotBuild, startScimd, stop, tail, waitReady } from './processes';
import { PeakMeter, rssMiB } from './rss';

const USAGE = `Usage: npm run bench:memory -- [options]
  --before DIR        a build (dist/) of scimd before the change, measured alternately with this one
  --before-label S    what that build is, for the report (e.g. its commit)
  --engines a,b       pglite, postgres (default both)
  --rounds N          rounds per build and scenario (default 3)
  --only a,b          scenarios (${SCENARIOS.join(', ')})
  --entries N         log entries to export (default 8000)
  --body-bytes N      size of each request and response body (default 60000)
  --writes N          logged POST /Users per write scenario (default 2000)
  --concurrency N     concurrent writes (default 8)
  --readers N         slow readers at once (default 3)
  --reader-rate MB    MB/s each slow reader reads at most (default 4)
  --reader-seconds S  how long each slow reader reads before it hangs up (default 20)
  --database-url URL  PostgreSQL server to create the bench database on (default $BENCH_DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres)
  --output FILE       report (default bench/RESULTS-memory.md)`;

const ROOT = resolve(__dirname, '..');
const log = (line: string): void => console.log(line);
const ADMIN_TOKEN = randomBytes(24).toString('hex');

const { values: args } = parseArgs({
  options: {
    before: { type: 'string' },
    'before-label': { type: 'string' },
    engines: { type: 'string', default: 'pglite,postgres' },
    rounds: { type: 'string', default: '3' },
    only: { type: 'string' },
    entries: { type: 'string', default: '8000' },
    'body-bytes': { type: 'string', default: '60000' },
    writes: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '8' },
    readers: { type: 'string', default: '3' },
    'reader-rate': { type: 'string', default: '4' },
    'reader-seconds': { type: 'string', default: '20' },
    'database-url': { type: 'string' },
    output: { type: 'string', default: join(ROOT, 'bench', 'RESULTS-memory.md') },
    help: { type: 'boolean', default: false },
  },
});

function int(name: string, value: string | undefined, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}, not ${value}`);
  return n;
}

const config = {
  rounds: int('rounds', args.rounds, 1),
  entries: int('entries', args.entries, 1),
  bodyBytes: int('body-bytes', args['body-bytes'], 100),
  writes: int('writes', args.writes, 1),
  concurrency: int('concurrency', args.concurrency, 1),
  readers: int('readers', args.readers, 1),
  readerRate: int('reader-rate', args['reader-rate'], 1),
  readerSeconds: int('reader-seconds', args['reader-seconds'], 1),
};

/** Where one engine keeps the bench's data: the environment scimd runs with, and how to seed it. */
interface Store {
  engine: Engine;
  env: NodeJS.ProcessEnv;
  /** Runs `fn` with direct access to the database (scimd stopped for PGlite, which one process owns). */
  withDatabase<T>(fn: (exec: Exec) => Promise<T>): Promise<T>;
  remove(): Promise<void>;
}

const cleanups: (() => Promise<void>)[] = [];

async function pgliteStore(): Promise<Store> {
  const dataDir = join(ROOT, 'bench', 'data', `memory-pglite-${Date.now()}`);
  mkdirSync(dataDir, { recursive: true });
  return {
    engine: 'pglite',
    env: { DATA_DIR: dataDir },
    async withDatabase(fn) {
      const { PGlite } = await import('@electric-sql/pglite');
      const db = new PGlite(join(dataDir, 'pgdata'));
      try {
        return await fn((sql, params) => db.query(sql, params));
      } finally {
        await db.close();
      }
    },
    async remove() {
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function postgresStore(): Promise<Store> {
  const adminUrl = new URL(
    args['database-url'] ?? process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  );
  const database = `scimd_memory_${Date.now()}`;
  const admin = new Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  const url = new URL(adminUrl.toString());
  url.pathname = `/${database}`;
  const dataDir = join(ROOT, 'bench', 'data', `memory-postgres-${Date.now()}`);
  mkdirSync(dataDir, { recursive: true });
  return {
    engine: 'postgres',
    env: { DATABASE_URL: url.toString(), DATABASE_SCHEMA: 'public', DB_POOL_SIZE: '10', DATA_DIR: dataDir },
    async withDatabase(fn) {
      const db = new Client({ connectionString: url.toString() });
      await db.connect();
      try {
        return await fn((sql, params) => db.query(sql, params));
      } finally {
        await db.end();
      }
    },
    async remove() {
      rmSync(dataDir, { recursive: true, force: true });
      await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** A running scimd of `build` on `store`; `stop()` ends it with SIGTERM. */
async function start(
  build: Build,
  main: string,
  store: Store,
): Promise<Scimd & { pid: number; stop: () => Promise<void> }> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const logFile = join(ROOT, 'bench', 'data', `memory-${store.engine}-${build}.log`);
  const env = {
    PATH: process.env.PATH,
    ...store.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: origin,
    ADMIN_TOKEN,
    LOG_LEVEL: 'warn',
    MIGRATIONS_RUN: 'true',
  };
  const child = startScimd(ROOT, main, env, logFile);
  await waitReady(`${origin}/health/ready`, child, 120_000).catch((e: unknown) => {
    throw new Error(`scimd (${build}) did not start: ${String(e)}\n${tail(logFile)}`);
  });
  return { origin, adminToken: ADMIN_TOKEN, pid: child.pid ?? 0, stop: () => stop(child, 30_000) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Where one measurement runs: the build's main.js, the database, the seeded export server, its oldest entry, the round. */
interface MeasuredRun {
  main: string;
  store: Store;
  exportServer: string;
  oldest: Date;
  round: number;
}

/** One scenario against a fresh process: warm-up, then the peak RSS over the RSS just before. */
async function measure(scenario: ScenarioName, build: Build, run: MeasuredRun): Promise<Measurement> {
  const { main, store, exportServer, oldest, round } = run;
  const scimd = await start(build, main, store);
  try {
    // Warm-up: the code paths of the scenario once, on a few entries (JIT, lazy modules, pools).
    const few = `?to=${new Date(oldest.getTime() + 20).toISOString()}`;
    let writeServer: { id: string; token: string } | undefined;
    if (scenario === 'export' || scenario === 'slow-readers') await readExport(scimd, exportServer, few);
    else {
      writeServer = await createIdentityServer(
        scimd,
        `bench-writes-${build}-${round}-${Date.now()}`,
        scenario === 'writes',
      );
      await writeUsers(scimd, writeServer, {
        prefix: 'warm',
        requests: 20,
        bodyBytes: 1000,
        concurrency: config.concurrency,
      });
      await writerIdle(scimd);
    }
    await sleep(2000);
    const before = rssMiB(scimd.pid);
    const meter = new PeakMeter(scimd.pid);
    meter.start();
    const started = Date.now();
    let detail: string;
    if (scenario === 'export') {
      const read = await readExport(scimd, exportServer);
      if (read.lines !== config.entries)
        throw new Error(`the export answered ${read.lines} lines, not ${config.entries}`);
      detail = `${(read.bytes / 2 ** 20).toFixed(0)} MiB, sha256 ${read.sha256.slice(0, 12)}`;
    } else if (scenario === 'slow-readers') {
      const bytes = await slowReaders(
        scimd,
        exportServer,
        config.readers,
        config.readerRate * 1e6,
        config.readerSeconds,
      );
      detail = `read ${bytes.map((b) => (b / 2 ** 20).toFixed(0)).join(' + ')} MiB`;
    } else {
      const statuses = await writeUsers(scimd, writeServer!, {
        prefix: `w${round}`,
        requests: config.writes,
        bodyBytes: config.bodyBytes,
        concurrency: config.concurrency,
      });
      const stats = await writerIdle(scimd);
      if (Object.keys(statuses).some((s) => s !== '201'))
        throw new Error(`writes answered ${JSON.stringify(statuses)}`);
      detail = scenario === 'writes' ? `${stats.written} entries written, ${stats.dropped} dropped` : 'log off';
    }
    const seconds = (Date.now() - started) / 1000;
    const { peak, source } = meter.stop();
    if (writeServer) await deleteIdentityServer(scimd, writeServer.id);
    return {
      engine: store.engine,
      build,
      scenario,
      round,
      before,
      peak,
      delta: peak - before,
      seconds,
      source,
      detail,
    };
  } finally {
    await scimd.stop();
  }
}

async function main(): Promise<void> {
  if (args.help) return log(USAGE);
  const only = args.only?.split(',').map((s) => s.trim());
  const scenarios = SCENARIOS.filter((s) => !only || only.includes(s));
  if (scenarios.length === 0) throw new Error(`--only matches no scenario (${SCENARIOS.join(', ')})`);
  // Private copies of the builds, so that a rebuild of dist/ meanwhile changes nothing.
  const builds: [Build, string][] = [['after', join(__dirname, 'memory', 'after')]];
  await snapshotBuild(join(ROOT, 'dist'), builds[0][1]);
  if (args.before) {
    builds.push(['before', join(__dirname, 'memory', 'before')]);
    await snapshotBuild(resolve(args.before), builds[1][1]);
  }
  mkdirSync(join(ROOT, 'bench', 'data'), { recursive: true });
  const measurements: Measurement[] = [];
  const skipped: string[] = [];
  const load = [loadavg()[0], 0] as [number, number];
  const writeReport = () => {
    load[1] = loadavg()[0];
    writeFileSync(
      args.output,
      memoryReport({
        config,
        measurements,
        skipped,
        load,
        before: args.before === undefined ? undefined : (args['before-label'] ?? args.before),
        root: ROOT,
      }),
    );
  };
  for (const engine of args.engines.split(',').map((s) => s.trim()) as Engine[]) {
    let store: Store;
    try {
      store = engine === 'pglite' ? await pgliteStore() : await postgresStore();
    } catch (error) {
      skipped.push(`${engine}: ${(error as Error).message}`);
      log(`skipping ${engine}: ${(error as Error).message}`);
      continue;
    }
    cleanups.push(() => store.remove());
    // The store: migrations (by scimd itself), one identity server, then its log seeded directly.
    log(
      `${engine}: preparing ${config.entries.toLocaleString('en-US')} log entries with bodies of ${config.bodyBytes.toLocaleString('en-US')} bytes each way…`,
    );
    const first = await start('after', join(builds[0][1], 'main.js'), store);
    const exportServer = (await createIdentityServer(first, `bench-export-${Date.now()}`, false)).id;
    await first.stop();
    const oldest = await store.withDatabase((exec) =>
      seedLogEntries(exec, exportServer, config.entries, config.bodyBytes, log),
    );
    for (let round = 1; round <= config.rounds; round++) {
      const order = round % 2 === 1 ? builds : [...builds].reverse();
      for (const scenario of scenarios) {
        for (const [build, dir] of order) {
          process.stdout.write(`${engine} round ${round}, ${scenario}, ${build}… `);
          const m = await measure(scenario, build, { main: join(dir, 'main.js'), store, exportServer, oldest, round });
          log(
            `RSS ${m.before.toFixed(0)} → ${m.peak.toFixed(0)} MiB (+${m.delta.toFixed(0)}), ${m.seconds.toFixed(1)} s, ${m.detail}`,
          );
          measurements.push(m);
          writeReport(); // after every run: an interrupted bench still leaves what it measured
        }
      }
    }
    await cleanups.pop()!();
  }
  writeReport();
  log(`\nwrote ${args.output}`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void Promise.all(cleanups.map((c) => c().catch(() => undefined))).finally(() => process.exit(130));
  });
}

main().then(
  () => process.exit(0),
  async (error: unknown) => {
    console.error(
      `bench:memory could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    for (const c of cleanups) await c().catch(() => undefined);
    process.exit(1);
  },
);
