import { execFileSync } from 'node:child_process';
import { cpus, release, totalmem, type } from 'node:os';
import { Client } from 'pg';
import { Plan } from './explain';
import { Machine } from './report';

/** CPU, memory, OS, Node and PostgreSQL of this run (load figures are added by the caller). */
export async function describeMachine(db: Client): Promise<Omit<Machine, 'load' | 'idleBusy'>> {
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

/** The report's notes: what was measured (commit), how the baseline differs, plan fallbacks. */
export function notes(root: string, plans: Plan[]): string[] {
  const out: string[] = [];
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const dirty =
      execFileSync('git', ['status', '--porcelain', '--', 'src', 'migrations'], {
        cwd: root,
        encoding: 'utf8',
      }).trim() !== '';
    out.push(`scimd at commit ${commit}${dirty ? ' with uncommitted changes under src/ or migrations/' : ''}.`);
  } catch {
    // not a git checkout
  }
  out.push(
    'The baseline does only the SQL of each operation: no authentication (scimd checks the bearer token and the credential state on every request — the JWT signature once per token, the credential state from its in-memory directory), no identity-server lookup, no schema validation, and no derived `groups` attribute (scimd reads the direct groups of every User it returns in the same statement, and walks nested groups only when a direct group is nested). The baseline sends unnamed statements; scimd prepares its hot statements (see docs/protocol.md). Its PATCH of a user is one UPDATE; scimd reads the row, applies the PatchOp and writes it back with a version check (two round trips). Its member add/remove is one statement; scimd runs a transaction: read the group, check that the member is a User or Group of the server, change the edge, bump the group version (the group row is locked only by that last statement).',
    'Both write to the same database; the reads (including list-page) run before the writes, so the lists do not include the users created by `create`.',
  );
  const fallbacks = [...new Set(plans.filter((p) => p.source.startsWith('hand-written')).map((p) => p.source))];
  for (const f of fallbacks) out.push(`Query plans: ${f}.`);
  return out;
}
