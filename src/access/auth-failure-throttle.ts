import { Inject, Injectable, Optional } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { ACCESS_CLOCK, Clock } from './clock';
import { parseAddress } from './ip-range';

/** Failed authentications per address that cost nothing, within any window of WINDOW_MS. */
export const FREE_FAILURES = 10;
export const WINDOW_MS = 60_000;
/** Backoffs double from 1 s up to this many seconds. */
export const MAX_BACKOFF_SECONDS = 60;
/** Addresses remembered per instance; the least recently seen is forgotten beyond this. */
export const MAX_ADDRESSES = 50_000;

interface Failures {
  /** Ring of the times of the last FREE_FAILURES failures; `next` is the oldest once it is full. */
  times: number[];
  next: number;
  /** Backoffs so far since the address last started afresh: the next one lasts 2^level seconds (capped). */
  level: number;
  blockedUntil: number;
}

/**
 * Slows down credential guessing per client address (within a scope: SCIM authentication passes the
 * identity server, so one tenant's failing IdP never throttles another tenant behind the same
 * address, and a success at one server never clears the failures at another), in memory on each instance (LRU-bounded, so the
 * budget is per instance like the rate limit). The key is the address as Fastify's `request.ip`
 * gives it: an IPv4-mapped IPv6 address counts as its IPv4 address, and IPv6 addresses count per /64
 * (one host usually owns a whole /64, so hopping within it gains nothing).
 *
 * Policy: up to FREE_FAILURES (10) failed authentications in any 60 s are free. The failure beyond
 * starts a backoff of 1 s, and every further failure one twice as long as the last (2 s, 4 s … capped
 * at 60 s); failures during a backoff are not counted and do not extend it (so `Retry-After` is
 * truthful). An address that stays quiet for 60 s after its last backoff ended starts afresh, and
 * `recordSuccess` forgets it at once. So a client failing as fast as it may gets about 17 tries in
 * its first two minutes and one a minute after that; a patient one, about 10 a minute.
 *
 * API (all O(1); `ip` is `request.ip`, `scope` an optional prefix of the key, '' by default):
 * - `recordFailure(ip, scope?): number` — count a failed authentication. Returns 0 while it was free,
 *   otherwise the seconds of the backoff in force (started by this failure, or already running).
 * - `recordSuccess(ip, scope?): void` — a credential was valid: forget the address's failures and
 *   backoff in that scope (only).
 *   Cheap when nothing is recorded, so it may run on every successful request.
 * - `retryAfter(ip, scope?): number` — whole seconds until the backoff ends (≥ 1), or 0 when not throttled.
 *
 * Intended use in the authentication guard: the throttle applies only to failures, so a valid
 * credential (of any method) always passes, even from an address in a backoff:
 *
 * ```ts
 * if (valid) { throttle.recordSuccess(ip, serverId); return true; }
 * const wait = throttle.retryAfter(ip, serverId);
 * if (wait > 0) throw tooManyRequests(`Too many failed authentications from ${ip}; retry in ${wait} s`, wait);
 * throttle.recordFailure(ip, serverId);
 * throw the usual 401;
 * ```
 *
 * Answering 429 instead of 401 slows a client that obeys Retry-After; a guesser that keeps sending
 * still has every guess checked (the request rate limit bounds how fast).
 */
@Injectable()
export class AuthFailureThrottle {
  private readonly entries = new LRUCache<string, Failures>({ max: MAX_ADDRESSES });

  constructor(@Optional() @Inject(ACCESS_CLOCK) private readonly now: Clock = Date.now) {}

  recordFailure(ip: string, scope = ''): number {
    const now = this.now();
    const key = throttleKey(ip, scope);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { times: [], next: 0, level: 0, blockedUntil: 0 };
      this.entries.set(key, entry);
    }
    if (now < entry.blockedUntil) return secondsUntil(entry.blockedUntil, now);
    if (entry.level > 0 && now - entry.blockedUntil >= WINDOW_MS)
      Object.assign(entry, { times: [], next: 0, level: 0 });
    const oldest = entry.times.length < FREE_FAILURES ? undefined : entry.times[entry.next];
    if (entry.times.length < FREE_FAILURES) {
      entry.times.push(now);
    } else {
      entry.times[entry.next] = now;
      entry.next = (entry.next + 1) % FREE_FAILURES;
    }
    if (entry.level === 0 && (oldest === undefined || now - oldest >= WINDOW_MS)) return 0;
    const seconds = Math.min(MAX_BACKOFF_SECONDS, 2 ** entry.level);
    if (seconds < MAX_BACKOFF_SECONDS) entry.level += 1;
    entry.blockedUntil = now + seconds * 1000;
    return seconds;
  }

  recordSuccess(ip: string, scope = ''): void {
    if (this.entries.size === 0) return;
    this.entries.delete(throttleKey(ip, scope));
  }

  retryAfter(ip: string, scope = ''): number {
    if (this.entries.size === 0) return 0;
    const entry = this.entries.get(throttleKey(ip, scope));
    const now = this.now();
    return entry && now < entry.blockedUntil ? secondsUntil(entry.blockedUntil, now) : 0;
  }
}

function secondsUntil(until: number, now: number): number {
  return Math.max(1, Math.ceil((until - now) / 1000));
}

/** The address's key within a scope (the identity server, for SCIM authentication); '' for none. */
function throttleKey(ip: string, scope: string): string {
  return scope === '' ? addressKey(ip) : `${scope} ${addressKey(ip)}`;
}

/** IPv4 (mapped ones included) as is; IPv6 by its /64; anything else (never from Fastify) verbatim. */
export function addressKey(ip: string): string {
  const address = parseAddress(ip);
  if (!address) return ip;
  if (address.kind() === 'ipv4') return address.toString();
  const parts = (address as { parts: number[] }).parts;
  return `${parts
    .slice(0, 4)
    .map((p) => p.toString(16))
    .join(':')}::/64`;
}
