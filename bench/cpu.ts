/**
 * CPU accounting from Linux /proc (elsewhere every function answers undefined): how busy the machine
 * is, and how much of it was other processes' doing while a run measured ours. The bench shares the
 * machine with whatever else runs there, and a figure taken while something else used the CPUs is low.
 */
import { existsSync, readFileSync } from 'node:fs';

interface Times {
  busy: number;
  total: number;
}

function machineTimes(): Times | undefined {
  if (!existsSync('/proc/stat')) return undefined;
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  return { busy: total - fields[3] - (fields[4] ?? 0), total }; // minus idle and iowait
}

/** utime + stime of a process (all its threads), in clock ticks, like /proc/stat. */
export function processTicks(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Share of all CPUs busy over `ms`. */
export async function cpuBusy(ms: number): Promise<number | undefined> {
  const before = machineTimes();
  await sleep(ms);
  const after = machineTimes();
  if (!before || !after || after.total === before.total) return undefined;
  return (after.busy - before.busy) / (after.total - before.total);
}

/** Samples 1 s at a time until the CPUs are at most `threshold` busy or `maxMs` passed; returns the seconds waited. */
export async function waitForQuietCpu(maxMs: number, threshold = 0.15): Promise<number> {
  const started = Date.now();
  for (;;) {
    const busy = await cpuBusy(1000);
    if (busy === undefined || busy <= threshold || Date.now() - started >= maxMs) return (Date.now() - started) / 1000;
  }
}

/**
 * Measures, over a run, the share of all CPUs used by processes other than ours. Our processes are
 * listed again every `intervalMs` (connection pools open and close PostgreSQL backends meanwhile): a
 * process first seen after the start counts from zero, one that exits keeps its last reading.
 */
export class OtherCpuMeter {
  private readonly first = new Map<number, number>();
  private readonly last = new Map<number, number>();
  private start?: Times;
  private timer?: NodeJS.Timeout;
  private sampling?: Promise<void>;

  constructor(
    private readonly pids: () => Promise<number[]>,
    private readonly intervalMs = 500,
  ) {}

  async begin(): Promise<void> {
    await this.sample(true);
    this.start = machineTimes();
    this.timer = setInterval(() => {
      this.sampling ??= this.sample(false).finally(() => (this.sampling = undefined));
    }, this.intervalMs);
  }

  /** The share of all CPUs that other processes used since begin(). */
  async end(): Promise<number | undefined> {
    clearInterval(this.timer);
    await this.sampling;
    await this.sample(false);
    const end = machineTimes();
    if (!this.start || !end || end.total === this.start.total) return undefined;
    let ours = 0;
    for (const [pid, ticks] of this.last) ours += ticks - (this.first.get(pid) ?? 0);
    return Math.max(0, (end.busy - this.start.busy - ours) / (end.total - this.start.total));
  }

  private async sample(initial: boolean): Promise<void> {
    for (const pid of await this.pids().catch(() => [])) {
      const ticks = processTicks(pid);
      if (ticks === undefined) continue;
      if (initial) this.first.set(pid, ticks);
      this.last.set(pid, ticks);
    }
  }
}
