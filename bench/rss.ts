import { readFileSync, writeFileSync } from 'node:fs';

/** A process's resident set size, in MiB, from /proc (Linux only). */
export function rssMiB(pid: number): number {
  return statusKiB(pid, 'VmRSS') / 1024;
}

function statusKiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`/proc/${pid}/status has no ${field}`);
  return Number(match[1]);
}

/**
 * The peak RSS of a process over a stretch of time. The kernel's own high-water mark (VmHWM, reset
 * by writing 5 to /proc/<pid>/clear_refs) sees every page; where it cannot be reset, VmRSS sampled
 * every `everyMs` stands in (and may miss a peak shorter than that).
 */
export class PeakMeter {
  private sampled = 0;
  private timer: NodeJS.Timeout | undefined;
  private resettable = false;

  constructor(
    private readonly pid: number,
    private readonly everyMs = 20,
  ) {}

  start(): void {
    try {
      writeFileSync(`/proc/${this.pid}/clear_refs`, '5');
      this.resettable = true;
    } catch {
      this.resettable = false;
    }
    this.sampled = rssMiB(this.pid);
    this.timer = setInterval(() => {
      try {
        this.sampled = Math.max(this.sampled, rssMiB(this.pid));
      } catch {
        // the process has exited
      }
    }, this.everyMs);
  }

  /** The peak since start(), in MiB, and how it was measured. */
  stop(): { peak: number; source: 'VmHWM' | 'VmRSS sampled' } {
    clearInterval(this.timer);
    this.sampled = Math.max(this.sampled, rssMiB(this.pid));
    if (!this.resettable) return { peak: this.sampled, source: 'VmRSS sampled' };
    return { peak: Math.max(this.sampled, statusKiB(this.pid, 'VmHWM') / 1024), source: 'VmHWM' };
  }
}
