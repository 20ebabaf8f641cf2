/**
 * The request log's cost, measured so that the machine's own drift cannot pass for it: one long run
 * per operation during which the identity server's log is switched off and on every few seconds.
 * On the shared machines the bench runs on, the speed of identical runs a minute apart differs by up
 * to a third; two halves of the same few seconds do not. Each response is counted for the state in
 * force when its request started; requests that started just after a switch are left out (the
 * entries of an "on" period are written up to flushIntervalMs later), and the CPU time of scimd and
 * its PostgreSQL backends (the first of `pids` is scimd's) is read at the same shifted boundaries, so that a period's writes are
 * charged to it.
 */
import { processTicks } from './cpu';
import { Measurement, measure, Operation, percentile, Population, RunSettings, Target } from './workload';

export interface LogCostSettings extends RunSettings {
  /** Length of each off or on period. */
  periodMs: number;
  /** Requests that started this soon after a switch are left out, and CPU is read this late. */
  guardMs: number;
}

export interface LogCostSide {
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** CPU time of scimd and its PostgreSQL backends per request, in µs (undefined where /proc is missing). */
  cpuMicros?: number;
  /** The part of it that is scimd's own process. */
  scimdCpuMicros?: number;
  periods: number;
}

export interface LogCostMeasurement {
  off: LogCostSide;
  on: LogCostSide;
  /**
   * The median, over "on" periods, of the period's p50 divided by the mean p50 of the "off" periods
   * on either side of it, minus one: the cost as seen within a few seconds, robust to a neighbour
   * burst that slows one period (the pooled p50s of `off` and `on` are not).
   */
  pairedCost?: number;
  /** How many "on" periods had an "off" neighbour to compare with. */
  pairs: number;
  errors: number;
  non2xx: number;
}

interface Period {
  on: boolean;
  start: number;
  end: number;
  ticks?: number;
  scimdTicks?: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** How the measurement switches scimd's request log, and the processes whose CPU it reads (scimd's first). */
export interface LogCostControl {
  setLogging: (on: boolean) => Promise<void>;
  pids: () => Promise<number[]>;
}

export async function measureLogCost(
  target: Target,
  operation: Operation,
  population: Population,
  settings: LogCostSettings,
  control: LogCostControl,
): Promise<LogCostMeasurement> {
  const { setLogging, pids } = control;
  await setLogging(false);
  if (settings.warmup > 0)
    await measure(target, operation, population, { ...settings, duration: settings.warmup, warmup: 0 });
  const responses: { started: number; ms: number }[] = [];
  const periods: Period[] = [];
  let running = true;
  const run = measure(target, operation, population, { ...settings, warmup: 0 }, (status, ms) => {
    if (status >= 200 && status <= 299) responses.push({ started: performance.now() - ms, ms });
  }).finally(() => (running = false));
  const pending: Promise<void>[] = [];
  const switching = (async () => {
    let on = false;
    while (running) {
      const period: Period = { on, start: performance.now(), end: Infinity };
      periods.push(period);
      await sleep(settings.guardMs);
      const before = await ticksOf(pids);
      await sleep(settings.periodMs - settings.guardMs);
      if (!running) break;
      on = !on;
      await setLogging(on);
      period.end = performance.now();
      // The CPU of a period is read guardMs after its end, so that its last writes are in it.
      pending.push(
        sleep(settings.guardMs).then(async () => {
          const after = await ticksOf(pids);
          if (before !== undefined && after !== undefined) {
            period.ticks = used(before, after);
            const [scimd] = await pids();
            period.scimdTicks = (after.get(scimd) ?? 0) - (before.get(scimd) ?? 0);
          }
        }),
      );
    }
  })();
  const measured: Measurement = await run;
  await switching;
  await Promise.all(pending);
  await setLogging(false);
  await sleep(settings.guardMs * 2);
  const ratios = pairedRatios(periods, responses, settings.guardMs);
  return {
    off: side(false, periods, responses, settings.guardMs),
    on: side(true, periods, responses, settings.guardMs),
    pairedCost: ratios.length > 0 ? (percentile(ratios, 0.5) ?? NaN) - 1 : undefined,
    pairs: ratios.length,
    errors: measured.errors,
    non2xx: measured.non2xx,
  };
}

/** Each complete "on" period's p50 over the mean p50 of its complete "off" neighbours, sorted. */
function pairedRatios(periods: Period[], responses: { started: number; ms: number }[], guardMs: number): number[] {
  const p50s = periods.map((p) => (Number.isFinite(p.end) ? periodP50(p, responses, guardMs) : undefined));
  const ratios: number[] = [];
  periods.forEach((p, i) => {
    const mine = p50s[i];
    if (!p.on || mine === undefined) return;
    const neighbours = [p50s[i - 1], p50s[i + 1]].filter((v): v is number => v !== undefined);
    if (neighbours.length === 0) return;
    ratios.push(mine / (neighbours.reduce((a, b) => a + b, 0) / neighbours.length));
  });
  return ratios.sort((a, b) => a - b);
}

function periodP50(p: Period, responses: { started: number; ms: number }[], guardMs: number): number | undefined {
  const latencies = responses.filter((r) => r.started >= p.start + guardMs && r.started < p.end).map((r) => r.ms);
  latencies.sort((a, b) => a - b);
  return latencies.length > 0 ? percentile(latencies, 0.5) : undefined;
}

/** CPU ticks (1/100 s) of each process. */
async function ticksOf(pids: () => Promise<number[]>): Promise<Map<number, number> | undefined> {
  const ticks = new Map<number, number>();
  for (const pid of await pids()) {
    const t = processTicks(pid);
    if (t !== undefined) ticks.set(pid, t);
  }
  return ticks.size > 0 ? ticks : undefined;
}

/** Ticks used between two readings; a process first seen in the second counts from its start. */
function used(before: Map<number, number>, after: Map<number, number>): number {
  let sum = 0;
  for (const [pid, t] of after) sum += t - (before.get(pid) ?? 0);
  return sum;
}

function side(
  on: boolean,
  periods: Period[],
  responses: { started: number; ms: number }[],
  guardMs: number,
): LogCostSide {
  const mine = periods.filter((p) => p.on === on && Number.isFinite(p.end));
  const latencies: number[] = [];
  let counted = 0;
  let ticks = 0;
  let scimdTicks = 0;
  let withTicks = 0;
  let seconds = 0;
  for (const p of mine) {
    const from = p.start + guardMs;
    const inPeriod = responses.filter((r) => r.started >= from && r.started < p.end);
    for (const r of inPeriod) latencies.push(r.ms);
    counted += inPeriod.length;
    seconds += (p.end - from) / 1000;
    if (p.ticks !== undefined) {
      ticks += p.ticks;
      scimdTicks += p.scimdTicks ?? 0;
      withTicks += inPeriod.length;
    }
  }
  latencies.sort((a, b) => a - b);
  return {
    requests: counted,
    requestsPerSecond: seconds > 0 ? counted / seconds : 0,
    p50: percentile(latencies, 0.5) ?? NaN,
    p99: percentile(latencies, 0.99) ?? NaN,
    cpuMicros: withTicks > 0 ? (ticks * 10_000) / withTicks : undefined,
    scimdCpuMicros: withTicks > 0 ? (scimdTicks * 10_000) / withTicks : undefined,
    periods: mine.length,
  };
}
