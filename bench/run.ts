/**
 * `npm run bench`: seeds one identity server of scimd, then measures each operation of an IdP workload
 * against scimd and against a framework-free baseline doing the same SQL, and writes bench/RESULTS.md.
 * A measurement, never a test: exits 0 unless the bench could not run. See bench/README.md.
 */
import { ChildProcess, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem, type } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { explainAll, Plan } from './explain';
import { freePort, startBaseline, startScimd, stop, tail, waitReady } from './processes';
import { BenchConfig, consoleSummary, Machine, markdown, OperationResult, Outcome } from './report';
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
  --keep-db          do not drop the bench database at the end`;

const ROOT = resolve(__dirname, '..');
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
let cleaning: Promise<void> | undefined;

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const child of children) await stop(child);
    if (dropDatabase) await dropDatabase().catch((e: unknown) => log(`could not drop the bench database: ${String(e)}`));
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
  if (operations.length === 0) throw new Error(`--only matches no operation (${OPERATIONS.map((o) => o.name).join(', ')})`);
  const logs = join(ROOT, 'bench', 'data');
  mkdirSync(logs, { recursive: true });

  // A fresh database on the given server, dropped at the end.
  const adminUrl = new URL(args['database-url'] ?? process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const database = `scimd_bench_${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}`;
  const admin = new Client({ connectionString: adminUrl.toString() });
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
  const scimd = startScimd(ROOT, {
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
  }, scimdLog);
  children.push(scimd);
  await waitReady(`${scimdOrigin}/health/ready`, scimd, 60_000).catch((e: unknown) => {
    throw new Error(`scimd did not start: ${String(e)}\n${tail(scimdLog)}`);
  });
  const created = await fetch(`${scimdOrigin}/admin/servers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bench', security: { method: 'bearer' } }),
  });
  if (created.status !== 201) throw new Error(`POST /admin/servers answered ${created.status}: ${await created.text()}`);
  const server = (await created.json()) as { id: string; credentials: { token: string } };
  log(`scimd is up on ${scimdOrigin}, identity server ${server.id}`);

  // Seed.
  const db = new Client({ connectionString: benchUrl.toString() });
  await db.connect();
  log(`seeding ${config.users.toLocaleString('en-US')} users, ${config.groups} groups, a big group of ${config.bigGroup.toLocaleString('en-US')}…`);
  const seedStart = Date.now();
  const seeded = await seed(db, { serverId: server.id, users: config.users, groups: config.groups, bigGroup: config.bigGroup, batch: int('batch', args.batch, 1), sampleSize: 5000, log });
  const seedSeconds = (Date.now() - seedStart) / 1000;
  const t = seeded.timings;
  const seedDetail = `users ${t.users.toFixed(1)} s, groups ${t.groups.toFixed(1)} s, ${seeded.memberships.toLocaleString('en-US')} memberships ${t.members.toFixed(1)} s, VACUUM ANALYZE ${t.vacuum.toFixed(1)} s`;
  log(`seeded in ${seedSeconds.toFixed(1)} s (${seedDetail})`);

  // The baseline, in its own process.
  const baselinePort = await freePort();
  const baselineLog = join(logs, 'baseline.log');
  const baseline = await startBaseline(join(__dirname, 'baseline-server.js'), {
    ...process.env,
    BASELINE_DATABASE_URL: benchUrl.toString(),
    BASELINE_PORT: String(baselinePort),
    BASELINE_POOL_SIZE: String(config.pool),
  }, baselineLog, 30_000);
  children.push(baseline);

  log('EXPLAIN of the key queries…');
  const plans: Plan[] = await explainAll(db, { distDir: join(ROOT, 'dist'), serverId: server.id, users: config.users, bigGroupId: seeded.bigGroupId, bigGroup: config.bigGroup, sample: seeded.sample });

  const population: Population = { users: config.users, sample: seeded.sample, bigGroupId: seeded.bigGroupId };
  const targets: Target[] = [
    { name: 'scimd', origin: scimdOrigin, serverId: server.id, token: server.credentials.token },
    { name: 'baseline', origin: `http://127.0.0.1:${baselinePort}`, serverId: server.id, token: 'none' },
  ];
  const settings = { duration: config.duration, connections: config.connections, warmup: config.warmup };
  const results: OperationResult[] = [];
  for (const operation of operations) {
    const outcomes: Outcome[] = [];
    for (const target of targets) {
      await db.query('CHECKPOINT').catch(() => undefined); // each run starts without the previous one's dirty pages
      process.stdout.write(`${operation.name} → ${target.name}… `);
      const outcome: Outcome = await measure(target, operation, population, settings).catch((e: unknown) => ({ failed: String(e) }));
      log('failed' in outcome ? `failed: ${outcome.failed}` : `${Math.round(outcome.requestsPerSecond)} req/s, p99 ${outcome.p99} ms${outcome.non2xx + outcome.errors > 0 ? `, ${outcome.non2xx} non-2xx, ${outcome.errors} errors` : ''}`);
      outcomes.push(outcome);
    }
    results.push({ operation, scimd: outcomes[0], baseline: outcomes[1] });
  }

  const machine = await describeMachine(db);
  await db.end();
  const report = markdown({ machine, config, seed: { seconds: seedSeconds, detail: seedDetail }, results, plans, notes: notes(plans) });
  writeFileSync(args.output, report);
  log(`\n${consoleSummary(results)}\n\nwrote ${args.output}`);
  await cleanup();
  await admin.end();
}

async function describeMachine(db: Client): Promise<Machine> {
  const [{ version }] = (await db.query<{ version: string }>('SELECT version()')).rows;
  const settings = await db.query<{ name: string; setting: string }>(
    "SELECT name, current_setting(name) AS setting FROM pg_settings WHERE name IN ('max_connections', 'shared_buffers', 'work_mem', 'synchronous_commit', 'fsync') ORDER BY name",
  );
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memoryGiB: totalmem() / 2 ** 30,
    node: process.version,
    postgres: version.replace(/ on .*$/, ''),
    postgresSettings: settings.rows.map((s) => `${s.name}=${s.setting}`).join(', '),
    os: `${type()} ${release()}`,
    date: new Date().toISOString(),
  };
}

function notes(plans: Plan[]): string[] {
  const out: string[] = [];
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'migrations'], { cwd: ROOT, encoding: 'utf8' }).trim() !== '';
    out.push(`scimd at commit ${commit}${dirty ? ' with uncommitted changes under src/ or migrations/' : ''}.`);
  } catch {
    // not a git checkout
  }
  out.push(
    'The baseline does only the SQL of each operation: no authentication (scimd verifies the bearer JWT and checks its credential on every request), no identity-server lookup, no schema validation, and no derived `groups` attribute (scimd runs the recursive "groups of a user" query for every User it returns). Its PATCH of a user is one UPDATE; scimd reads the row, applies the PatchOp and writes it back with a version check. Its member add/remove is one statement; scimd also checks that the member exists.',
    'Both write to the same database; the reads (including list-page) run before the writes, so the lists do not include the users created by `create`.',
  );
  const fallbacks = [...new Set(plans.filter((p) => p.source.startsWith('hand-written')).map((p) => p.source))];
  for (const f of fallbacks) out.push(`Query plans: ${f}.`);
  return out;
}

main().then(
  () => process.exit(0),
  async (error: unknown) => {
    console.error(`bench could not run: ${error instanceof Error ? error.message : String(error)}`);
    await cleanup();
    process.exit(1);
  },
);
