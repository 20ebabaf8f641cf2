import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { NormalisationKind } from '../scim/compat/leniency';
import { CounterView, ServerCountersRepository } from './server-counters.repository';

/** How long increments wait in memory before one statement per server and kind adds them. */
const FLUSH_INTERVAL_MS = 1000;
/** Most (server, outcome) pairs waiting for a flush at once; counts for further servers are dropped (and logged). */
const MAX_PENDING = 10_000;

type Outcome = 'normalised' | 'refused';

export interface CompatibilityCountersView {
  normalised: CounterView[];
  refused: CounterView[];
}

/**
 * Counts the dialect departures of SCIM requests per server and kind (docs/compatibility.md):
 * `normalised` on a lenient server, `refused` on a strict one. Off the request path: increments are
 * summed in memory and added every second (`count = count + n`, so several instances add up), and on
 * shutdown; reading the counters first writes this instance's pending ones.
 */
@Injectable()
export class CompatibilityCounters implements BeforeApplicationShutdown {
  private readonly logger = new Logger(CompatibilityCounters.name);
  private pending = new Map<string, Map<NormalisationKind, number>>();
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly counters: ServerCountersRepository) {}

  /** Notes what one request did; never waits for the database. */
  note(serverId: string, strict: boolean, kinds: readonly NormalisationKind[]): void {
    if (kinds.length === 0) return;
    const key = `${strict ? 'refused' : 'normalised'}:${serverId}`;
    if (!this.pending.has(key) && this.pending.size >= MAX_PENDING) {
      this.logger.warn(`compatibility counters: too many pending servers, dropped a count for server ${serverId}`);
      return;
    }
    const counts = this.pending.get(key) ?? new Map<NormalisationKind, number>();
    for (const kind of kinds) counts.set(kind, (counts.get(kind) ?? 0) + 1);
    this.pending.set(key, counts);
    this.schedule();
  }

  /** The server's counters, this instance's pending increments included. */
  async view(serverId: string): Promise<CompatibilityCountersView> {
    await this.flush();
    const [normalised, refused] = await Promise.all([
      this.counters.list(serverId, 'normalised'),
      this.counters.list(serverId, 'refused'),
    ]);
    return { normalised, refused };
  }

  async clear(serverId: string): Promise<void> {
    await this.flush();
    await this.counters.clear(serverId, 'normalised');
    await this.counters.clear(serverId, 'refused');
  }

  /** Writes the pending increments (one statement per server and outcome); the next flush waits for this one. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.flushing = this.flushing.then(() => this.write());
    return this.flushing;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => void this.flush(), FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  private async write(): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    for (const [key, counts] of batch) {
      const [outcome, serverId] = [key.slice(0, key.indexOf(':')) as Outcome, key.slice(key.indexOf(':') + 1)];
      try {
        await this.counters.add(serverId, outcome, counts);
      } catch (error) {
        // A deleted server (foreign key) or a database away: the counts of this batch are lost, not retried forever.
        this.logger.warn(`compatibility counters of server ${serverId} not written: ${(error as Error).message}`);
      }
    }
  }
}
