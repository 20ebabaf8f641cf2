import { LogCostMeasurement } from './log-cost';
import { Plan } from './explain';
import { walkSection, WalkResult } from './walk';
import { Measurement, Operation } from './workload';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  postgres: string;
  postgresSettings: string;
  os: string;
  date: string;
  /** 1-minute load average when the measurements started and when they ended. */
  load: [number, number];
  /** Share of the CPUs busy during 2 s just before the measurements, with both servers idle. */
  idleBusy?: number;
}

export interface BenchConfig {
  users: number;
  groups: number;
  bigGroup: number;
  duration: number;
  warmup: number;
  connections: number;
  pool: number;
}

/** A measurement, or why there is none (the run failed). */
export type Outcome = Measurement | { failed: string };

export interface OperationResult {
  operation: Operation;
  scimd: Outcome;
  baseline: Outcome;
}

/** scimd with the identity server's request log switched off and on during one run (issue 5: ≤ 10% on p50). */
export interface LogCostResult {
  operation: Operation;
  measured: LogCostMeasurement | { failed: string };
}

export const LOG_COST_RUN_FACTOR = 6;
export const LOG_COST_PERIOD_MS = 2000;
export const LOG_COST_GUARD_MS = 300;
export const TARGET_LOG_P50_COST = 0.1;

export interface ReportInput {
  machine: Machine;
  config: BenchConfig;
  seed: { seconds: number; detail: string };
  results: OperationResult[];
  walks: WalkResult[];
  logCost: LogCostResult[];
  plans: Plan[];
  notes: string[];
}

/** Targets of the issue: share of the baseline's req/s by kind, and scimd's p99. */
export const TARGET_RATIO = { read: 0.5, write: 0.4 } as const;
export const TARGET_P99_MS = 50;

const isMeasured = (o: Outcome): o is Measurement => !('failed' in o);
const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const hasErrors = (m: Measurement): boolean => m.non2xx > 0 || m.errors > 0;

interface Row {
  name: string;
  scimd: string[];
  baseline: string[];
  ratio: string;
  verdict: string;
}

function cells(o: Outcome): string[] {
  if (!isMeasured(o)) return ['failed', '–', '–', '–'];
  if (o.responses === 0)
    return ['0', '–', '–', `**no response completed${o.errors > 0 ? `, ${fmt(o.errors)} socket` : ''}**`];
  const errors = hasErrors(o) ? `**${fmt(o.non2xx)} non-2xx, ${fmt(o.errors)} socket**` : '0';
  return [fmt(o.requestsPerSecond), fmt(o.p50, 1), fmt(o.p99, 1), errors];
}

function row(r: OperationResult): Row {
  const target = TARGET_RATIO[r.operation.kind];
  const base = { name: r.operation.name, scimd: cells(r.scimd), baseline: cells(r.baseline) };
  if (!isMeasured(r.scimd) || !isMeasured(r.baseline)) return { ...base, ratio: '–', verdict: 'not measured' };
  const ratio = r.baseline.requestsPerSecond > 0 ? r.scimd.requestsPerSecond / r.baseline.requestsPerSecond : 0;
  const checks = [
    `${ratio >= target ? 'PASS' : 'FAIL'} ≥ ${target * 100}%`,
    `${r.scimd.p99 < TARGET_P99_MS ? 'PASS' : 'FAIL'} p99 < ${TARGET_P99_MS} ms`,
  ];
  if (r.scimd.responses === 0)
    return { ...base, ratio: `${fmt(ratio * 100)}%`, verdict: 'FAIL: no scimd response completed during the run' };
  if (hasErrors(r.scimd)) checks.unshift('FAIL: scimd errors');
  if (hasErrors(r.baseline)) checks.unshift('baseline errors');
  return { ...base, ratio: `${fmt(ratio * 100)}%`, verdict: checks.join(', ') };
}

/** The results table as Markdown. */
export function resultsTable(results: OperationResult[]): string {
  const lines = [
    '| operation | kind | scimd req/s | p50 ms | p99 ms | errors | baseline req/s | p50 ms | p99 ms | errors | scimd/baseline | targets |',
    '| --- | --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | --- | ---: | --- |',
  ];
  for (const r of results) {
    const x = row(r);
    lines.push(
      `| ${x.name} | ${r.operation.kind} | ${x.scimd.join(' | ')} | ${x.baseline.join(' | ')} | ${x.ratio} | ${x.verdict} |`,
    );
  }
  return lines.join('\n');
}

/** A plain-text summary for the terminal. */
export function consoleSummary(results: OperationResult[]): string {
  const head = ['operation', 'scimd req/s', 'p50', 'p99', 'err', 'base req/s', 'p50', 'p99', 'err', 'ratio', 'targets'];
  const rows = results.map((r) => {
    const x = row(r);
    const plain = (c: string[]): string[] =>
      c.map((s) => s.replace(/\*\*/g, '').replace(/ non-2xx, (\d[\d,]*) socket/, '+$1'));
    return [x.name, ...plain(x.scimd), ...plain(x.baseline), x.ratio, x.verdict];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]): string =>
    r.map((c, i) => (i === 0 || i === r.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}

function errorDetails(results: OperationResult[]): string[] {
  const lines: string[] = [];
  for (const r of results) {
    for (const side of ['scimd', 'baseline'] as const) {
      const o = r[side];
      if (!isMeasured(o)) lines.push(`- **${r.operation.name} / ${side}**: run failed: ${o.failed}`);
      else if (o.responses === 0)
        lines.push(
          `- **${r.operation.name} / ${side}**: no response completed during the run (every request took longer than it, or the ${fmt(o.errors)} socket errors/timeouts).`,
        );
      else if (hasErrors(o)) {
        const codes = Object.entries(o.statusCodes)
          .map(([code, n]) => `${code}×${fmt(n)}`)
          .join(', ');
        lines.push(
          `- **${r.operation.name} / ${side}**: ${fmt(o.non2xx)} non-2xx and ${fmt(o.errors)} socket errors/timeouts of ${fmt(o.responses)} responses (status codes: ${codes}).`,
        );
        if (o.firstError) lines.push(`  First error: \`${o.firstError.replace(/`/g, "'").replace(/\s+/g, ' ')}\``);
      }
    }
  }
  return lines;
}

/** Per run, the share of the CPUs that other processes used: a disturbed run reads low. */
function quality(results: OperationResult[]): string[] {
  const cell = (o: Outcome): string => {
    if (!isMeasured(o) || o.otherCpu === undefined) return '–';
    const pct = `${fmt(o.otherCpu * 100)}%`;
    return o.otherCpu > 0.1 ? `**${pct} (disturbed)**` : pct;
  };
  return [
    "Share of the CPUs used by processes other than the bench's own (this process and its load generator, both servers, PostgreSQL backends of the bench database) during each run, warm-up included. PostgreSQL's background writers count as other. Above 10% the run competed for the CPUs and its figures are low: run the bench again on a quiet machine.",
    '',
    '| operation | scimd run | baseline run |',
    '| --- | ---: | ---: |',
    ...results.map((r) => `| ${r.operation.name} | ${cell(r.scimd)} | ${cell(r.baseline)} |`),
  ];
}

/** RESULTS.md. */
function logCostSection(results: LogCostResult[], config: BenchConfig): string[] {
  if (results.length === 0) return [];
  const rows = results.map(({ operation, measured: m }) => {
    if ('failed' in m || m.off.requests === 0 || m.on.requests === 0)
      return `| ${operation.name} | – | – | – | – | – | – | – | – | not measured${'failed' in m ? `: ${m.failed}` : ''} |`;
    const pooled = m.on.p50 / Math.max(m.off.p50, 0.001) - 1;
    const cost = m.pairedCost ?? pooled;
    const verdict = cost <= TARGET_LOG_P50_COST ? 'PASS' : 'FAIL';
    const cpu =
      m.off.cpuMicros !== undefined && m.on.cpuMicros !== undefined
        ? `${fmt(m.off.cpuMicros)} → ${fmt(m.on.cpuMicros)} (${m.on.cpuMicros >= m.off.cpuMicros ? '+' : ''}${fmt((m.on.cpuMicros / m.off.cpuMicros - 1) * 100, 1)}%)`
        : '–';
    const errors = m.errors + m.non2xx > 0 ? ` (${fmt(m.errors + m.non2xx)} errors or non-2xx)` : '';
    return `| ${operation.name} | ${m.off.periods} + ${m.on.periods} | ${fmt(m.off.requestsPerSecond)} | ${fmt(m.on.requestsPerSecond)} | ${fmt(m.off.p50, 2)} | ${fmt(m.on.p50, 2)} | ${signed(pooled)} | ${m.pairedCost === undefined ? '–' : `${signed(m.pairedCost)} (${m.pairs})`} | ${cpu} | ${verdict} p50 ≤ +${TARGET_LOG_P50_COST * 100}%${errors} |`;
  });
  return [
    '## Request log cost',
    '',
    `Each operation in one run of ${config.duration * LOG_COST_RUN_FACTOR} s against scimd, during which the identity server's request log (\`logRequests\`: every request recorded with its bodies, written in batches off the request path) is switched off and on every ${LOG_COST_PERIOD_MS / 1000} s. On a shared machine the speed of identical runs a minute apart differs by up to a third, while two halves of the same few seconds do not: the alternation keeps that drift out of the comparison. A response counts for the state in force when its request started; requests that started in the first ${LOG_COST_GUARD_MS} ms after a switch are left out (an "on" period's entries are written up to 200 ms later). p50 to 0.01 ms from every 2xx response. CPU per request: the CPU time of scimd and its PostgreSQL backends in each period (read ${LOG_COST_GUARD_MS} ms after its boundaries, so that a period's batched writes are charged to it) divided by its requests. The pooled cost compares the p50 of all "off" responses with that of all "on" responses; the paired cost takes each "on" period's p50 over the mean p50 of the "off" periods either side of it, and reports the median of those ratios — a burst from another tenant of the machine that slows one period moves the pooled figure by several points, the median hardly at all.`,
    '',
    '| operation | periods off + on | req/s off | req/s on | p50 ms off | p50 ms on | p50 cost, pooled | p50 cost, paired median (pairs) | CPU µs per request off → on | target (on the paired median) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows,
    '',
  ];
}

export function markdown(input: ReportInput): string {
  const { machine: m, config: c } = input;
  const errors = errorDetails(input.results);
  const out: string[] = [
    '# scimd benchmark results',
    '',
    `Generated by \`npm run bench\` on ${m.date}. Measurements, not tests: see bench/README.md for how to read them.`,
    '',
    '## Machine',
    '',
    `- CPU: ${m.cpu}, ${m.cores} cores; memory ${fmt(m.memoryGiB, 1)} GiB; ${m.os}`,
    `- Node.js ${m.node}; ${m.postgres}`,
    `- PostgreSQL settings: ${m.postgresSettings}`,
    `- CPU busy with both servers idle, just before the measurements: ${m.idleBusy === undefined ? 'unknown' : `${fmt(m.idleBusy * 100)}%`}${m.idleBusy !== undefined && m.idleBusy > 0.1 ? ' — **other processes were using the CPU: the figures are lower than on a quiet machine**' : ''}; load average (1 min) ${fmt(m.load[0], 2)} before the measurements, ${fmt(m.load[1], 2)} after.`,
    '- scimd, the baseline, the load generator (autocannon) and PostgreSQL all share this machine; anything else running on it lowers the figures.',
    '',
    '## Configuration',
    '',
    `- ${fmt(c.users)} users, ${fmt(c.groups)} groups of 10 members, one big group of ${fmt(c.bigGroup)} members; seeded in ${fmt(input.seed.seconds, 1)} s (${input.seed.detail})`,
    `- each operation: ${c.warmup} s warm-up, then ${c.duration} s with ${c.connections} connections; scimd first, then the baseline, never both at once`,
    `- PostgreSQL pool: ${c.pool} connections for scimd (DB_POOL_SIZE) and for the baseline`,
    '',
    '## Results',
    '',
    resultsTable(input.results),
    '',
    `Targets: reads ≥ ${TARGET_RATIO.read * 100}% of the baseline's req/s, writes ≥ ${TARGET_RATIO.write * 100}%, scimd p99 < ${TARGET_P99_MS} ms. req/s is the mean of autocannon's per-second samples (all responses); p50 and p99 in ms, from every 2xx response time of the measured run.`,
    '',
    ...input.results.map((r) => `- **${r.operation.name}**: \`${r.operation.shape}\``),
    '',
    ...walkSection(input.walks),
    ...logCostSection(input.logCost, input.config),
    '## Errors',
    '',
    ...(errors.length > 0 ? errors : ['None: every response was 2xx.']),
    '',
    '## Measurement quality',
    '',
    ...quality(input.results),
    '',
  ];
  if (input.notes.length > 0) out.push('## Notes', '', ...input.notes.map((n) => `- ${n}`), '');
  out.push(
    '## Query plans',
    '',
    'EXPLAIN (ANALYZE, BUFFERS, FORMAT TEXT), each query run once before (warm cache); writes inside a rolled-back transaction.',
    '',
  );
  for (const p of input.plans) {
    out.push(
      `### ${p.title}`,
      '',
      `Source: ${p.source}. Parameters: \`${JSON.stringify(p.params)}\``,
      '',
      '```sql',
      p.sql,
      '```',
      '',
      '```',
      p.plan,
      '```',
      '',
    );
  }
  return out.join('\n');
}

function signed(ratio: number): string {
  return `${ratio >= 0 ? '+' : ''}${fmt(ratio * 100, 1)}%`;
}
