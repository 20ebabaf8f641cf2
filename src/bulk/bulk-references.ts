import { ScimError } from '../scim/errors/scim-error';
import { BulkOperation } from './bulk-request';

/** A whole string value `bulkId:<id>` refers to the resource created by the POST with that bulkId (RFC 7644 §3.7.2). */
const REFERENCE = /^bulkId:(.+)$/s;

type Planned = Pick<BulkOperation, 'index' | 'method' | 'bulkId' | 'id' | 'data'>;

/** The bulkIds an operation refers to, in order of first appearance: in its path, then in its data. */
export function referencesOf(operation: Pick<BulkOperation, 'id' | 'data'>): string[] {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      const match = REFERENCE.exec(value);
      if (match) found.add(match[1]);
    } else if (Array.isArray(value)) {
      value.forEach(visit);
    } else if (typeof value === 'object' && value !== null) {
      Object.values(value).forEach(visit);
    }
  };
  visit(operation.id);
  visit(operation.data);
  return [...found];
}

/** A copy of `value` where every `bulkId:<id>` string whose id is known is replaced by the resource id. */
export function substituteReferences<T>(value: T, ids: ReadonlyMap<string, string>): T {
  if (typeof value === 'string') {
    const match = REFERENCE.exec(value);
    const id = match ? ids.get(match[1]) : undefined;
    return (id ?? value) as T;
  }
  if (Array.isArray(value)) return value.map((v) => substituteReferences(v, ids)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substituteReferences(v, ids)])) as T;
  }
  return value;
}

/** What to do next with one operation: run it, or report `error` without running it. */
export interface PlanStep {
  index: number;
  error?: ScimError;
}

interface Entry {
  operation: Planned;
  references: string[];
}

/**
 * The order in which a bulk request's operations run, so that each runs once the bulkIds it refers to
 * are created: always the first operation, in request order, that is ready. It is deterministic and
 * keeps the client's order wherever no reference forces another.
 *
 * An operation referring to a bulkId that no POST of the request defines, or whose POST failed, fails
 * with 409 without running. When every remaining operation waits on another, some POSTs refer to each
 * other in a cycle: RFC 7644 §3.7.1 lets the server stop there with 409 — each POST of a cycle fails,
 * then what depends on them.
 *
 * Use: `next()`, run the step unless it carries an error, `settle()` it, and again until `next()`
 * answers undefined.
 */
export class BulkPlan {
  private readonly pending: Entry[];
  /** The bulkIds the request's POSTs define, by the index of their operation. */
  private readonly definedBy = new Map<number, string>();
  private readonly declared = new Set<string>();
  private readonly created = new Map<string, string>();
  private readonly failed = new Set<string>();
  /** Failures decided together (a cycle), handed out one by one. */
  private readonly queued: PlanStep[] = [];

  constructor(operations: readonly Planned[]) {
    this.pending = operations.map((operation) => ({ operation, references: referencesOf(operation) }));
    for (const { index, method, bulkId } of operations) {
      if (method !== 'POST' || bulkId === undefined) continue;
      this.definedBy.set(index, bulkId);
      this.declared.add(bulkId);
    }
  }

  /** The ids created so far, by bulkId. */
  get ids(): ReadonlyMap<string, string> {
    return this.created;
  }

  next(): PlanStep | undefined {
    const queued = this.queued.shift();
    if (queued) return queued;
    if (this.pending.length === 0) return undefined;
    for (const [position, entry] of this.pending.entries()) {
      const error = this.blocker(entry);
      if (error === 'waiting') continue;
      this.pending.splice(position, 1);
      if (error) this.settle(entry.operation.index, undefined);
      return { index: entry.operation.index, ...(error && { error }) };
    }
    this.queued.push(...this.failCycles());
    if (this.queued.length === 0) throw new Error('BulkPlan: operations wait on each other without a cycle');
    return this.next();
  }

  /** Records the outcome of a step: the id of the resource its POST created, or undefined when it failed. */
  settle(index: number, createdId: string | undefined): void {
    const bulkId = this.definedBy.get(index);
    if (bulkId === undefined) return;
    if (createdId === undefined) this.failed.add(bulkId);
    else this.created.set(bulkId, createdId);
  }

  private blocker({ references }: Entry): ScimError | 'waiting' | undefined {
    const undeclared = references.find((r) => !this.declared.has(r));
    if (undeclared !== undefined)
      return conflict(`bulkId ${JSON.stringify(undeclared)} is not defined by any POST operation of this bulk request`);
    const failed = references.find((r) => this.failed.has(r));
    if (failed !== undefined)
      return conflict(`bulkId ${JSON.stringify(failed)} cannot be resolved: the operation that creates it failed`);
    return references.every((r) => this.created.has(r)) ? undefined : 'waiting';
  }

  /**
   * Called when every pending operation waits on a pending POST: following those references must
   * loop, so some POSTs lie on cycles. Takes each of them out of the plan as a 409, in request order.
   */
  private failCycles(): PlanStep[] {
    const waitingOn = new Map<string, string[]>();
    for (const { operation, references } of this.pending) {
      const bulkId = this.definedBy.get(operation.index);
      if (bulkId !== undefined)
        waitingOn.set(
          bulkId,
          references.filter((r) => !this.created.has(r)),
        );
    }
    const steps: PlanStep[] = [];
    for (const entry of [...this.pending]) {
      const bulkId = this.definedBy.get(entry.operation.index);
      const cycle = bulkId === undefined ? undefined : cycleThrough(bulkId, waitingOn);
      if (!cycle) continue;
      this.pending.splice(this.pending.indexOf(entry), 1);
      this.settle(entry.operation.index, undefined);
      const path = cycle.map((b) => JSON.stringify(b)).join(' → ');
      steps.push({
        index: entry.operation.index,
        error: conflict(
          `Circular bulkId reference ${path}: create these resources first, then add the references with PATCH`,
        ),
      });
    }
    return steps;
  }
}

/** The shortest path of references from `start` back to itself (breadth first, in reference order), if any. */
export function cycleThrough(start: string, waitingOn: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const parent = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i];
    for (const next of waitingOn.get(node) ?? []) {
      if (next === start) {
        const path: string[] = [];
        for (let at = node; at !== start; at = parent.get(at)!) path.unshift(at);
        return [start, ...path, start];
      }
      if (!parent.has(next) && waitingOn.has(next)) {
        parent.set(next, node);
        queue.push(next);
      }
    }
  }
  return undefined;
}

function conflict(detail: string): ScimError {
  return new ScimError(409, undefined, detail);
}
