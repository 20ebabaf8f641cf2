import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

export type Engine = 'pglite' | 'postgres';
export type Build = 'before' | 'after';
export const SCENARIOS = ['export', 'slow-readers', 'writes', 'writes-unlogged'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

/** One scenario run against one fresh scimd process. RSS figures in MiB. */
export interface Measurement {
  engine: Engine;
  build: Build;
  scenario: ScenarioName;
  round: number;
  before: number;
  peak: number;
  delta: number;
  seconds: number;
  source: string;
  detail: string;
}

export interface MemoryConfig {
  rounds: number;
  entries: number;
  bodyBytes: number;
  writes: number;
  concurrency: number;
  readers: number;
  readerRate: number;
  readerSeconds: number;
}

function describe(scenario: ScenarioName, c: MemoryConfig): string {
  const entries = c.entries.toLocaleString('en-US');
  const writes = c.writes.toLocaleString('en-US');
  const kb = Math.round(c.bodyBytes / 1000);
  switch (scenario) {
    case 'export':
      return `one export of ${entries} entries (${2 * kb} KB of bodies each), read at full speed`;
    case 'slow-readers':
      return `${c.readers} exports of them at once, each read at ${c.readerRate} MB/s for ${c.readerSeconds} s`;
    case 'writes':
      return `${writes} POST /Users with ${kb} KB bodies (${c.concurrency} at a time), logged`;
    case 'writes-unlogged':
      return `the same writes to a server that does not log them (what the log's figure includes besides the log)`;
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** `+42 (38–47)`: the median delta and its range over the rounds. */
function spread(ms: Measurement[]): string {
  if (ms.length === 0) return '—';
  const d = ms.map((m) => m.delta);
  return `+${median(d).toFixed(0)} (${Math.min(...d).toFixed(0)}–${Math.max(...d).toFixed(0)})`;
}

function commit(root: string): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const dirty =
      execFileSync('git', ['status', '--porcelain', '--', 'src', 'migrations'], {
        cwd: root,
        encoding: 'utf8',
      }).trim() !== '';
    return `${head}${dirty ? ' with uncommitted changes' : ''}`;
  } catch {
    return 'unknown commit';
  }
}

export function memoryReport(r: {
  config: MemoryConfig;
  measurements: Measurement[];
  skipped: string[];
  load: [number, number];
  before: string | undefined;
  root: string;
}): string {
  const c = r.config;
  const builds: Build[] = r.before ? ['before', 'after'] : ['after'];
  const engines = [...new Set(r.measurements.map((m) => m.engine))];
  const scenarios = [...new Set(r.measurements.map((m) => m.scenario))];
  const lines = [
    '# Request-log memory',
    '',
    `\`npm run bench:memory\` (bench/memory.ts), ${new Date().toISOString().slice(0, 10)}: ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; load ${r.load[0].toFixed(1)} → ${r.load[1].toFixed(1)}.`,
    `"after" is scimd at ${commit(r.root)}${r.before ? `; "before" is ${r.before}` : ''}.`,
    '',
    `Each figure is the **peak RSS of the scimd process over its RSS just before the scenario**, in MiB: the median of ${c.rounds} rounds, with the lowest and highest in brackets. Every run starts a fresh scimd process on the same store (the embedded PGlite — inside scimd's process, so its memory counts — or PostgreSQL), warms it up on a few entries, waits 2 s, then measures (kernel high-water mark VmHWM, reset through /proc/<pid>/clear_refs; VmRSS sampled every 20 ms otherwise). Builds alternate within each round, and which goes first alternates between rounds.`,
    '',
    ...scenarios.map((s) => `- **${s}**: ${describe(s, c)}.`),
    '',
    `| engine | scenario | ${builds.join(' | ')} |`,
    `| --- | --- | ${builds.map(() => '---:').join(' | ')} |`,
  ];
  for (const engine of engines) {
    for (const scenario of scenarios) {
      const of = (b: Build) =>
        r.measurements.filter((m) => m.engine === engine && m.scenario === scenario && m.build === b);
      lines.push(`| ${engine} | ${scenario} | ${builds.map((b) => spread(of(b))).join(' | ')} |`);
    }
  }
  if (r.skipped.length > 0) lines.push('', ...r.skipped.map((s) => `Not measured: ${s}.`));
  lines.push(
    '',
    '## Every run',
    '',
    '| engine | round | scenario | build | RSS before | peak | delta | seconds | |',
    '| --- | ---: | --- | --- | ---: | ---: | ---: | ---: | --- |',
  );
  for (const m of r.measurements) {
    lines.push(
      `| ${m.engine} | ${m.round} | ${m.scenario} | ${m.build} | ${m.before.toFixed(0)} | ${m.peak.toFixed(0)} | +${m.delta.toFixed(0)} | ${m.seconds.toFixed(1)} | ${m.detail}${m.source === 'VmHWM' ? '' : ` (${m.source})`} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
