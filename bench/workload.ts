import autocannon from 'autocannon';
import { SampleUser } from './seed';

/** A server under test: scimd or the baseline, both serving `/scim/v2/<serverId>/…`. */
export interface Target {
  name: 'scimd' | 'baseline';
  origin: string;
  serverId: string;
  token: string;
}

/** What the operations pick from: the seeded population. */
export interface Population {
  users: number;
  sample: SampleUser[];
  bigGroupId: string;
}

export type OperationKind = 'read' | 'write';

export interface Operation {
  name: string;
  kind: OperationKind;
  /** The request, as shown in the report. */
  shape: string;
  requests: (target: Target, population: Population) => autocannon.Request[];
}

export interface Measurement {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Responses received (any status). */
  responses: number;
  non2xx: number;
  /** Socket errors and timeouts. */
  errors: number;
  statusCodes: Record<string, number>;
  /** Status and start of the body of the first non-2xx response. */
  firstError?: string;
  /** Share of the CPUs used by processes other than the bench's during the run (warm-up included). */
  otherCpu?: number;
}

export interface RunSettings {
  duration: number;
  connections: number;
  warmup: number;
}

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
let created = 0;

const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)];
const randomIndex = (users: number): number => 1 + Math.floor(Math.random() * users);
const base = (t: Target): string => `/scim/v2/${t.serverId}`;
const filterPath = (t: Target, filter: string): string => `${base(t)}/Users?filter=${encodeURIComponent(filter)}`;

/** The mixed IdP workload, one operation per autocannon run. */
export const OPERATIONS: Operation[] = [
  {
    name: 'lookup',
    kind: 'read',
    shape: 'GET /Users?filter=userName eq "user<random>@example.com"',
    requests: (t, p) => [
      {
        method: 'GET',
        setupRequest: (req) => ({
          ...req,
          path: filterPath(t, `userName eq "user${randomIndex(p.users)}@example.com"`),
        }),
      },
    ],
  },
  {
    name: 'lookup-externalId',
    kind: 'read',
    shape: 'GET /Users?filter=externalId eq "ext-<random>"',
    requests: (t, p) => [
      {
        method: 'GET',
        setupRequest: (req) => ({ ...req, path: filterPath(t, `externalId eq "ext-${randomIndex(p.users)}"`) }),
      },
    ],
  },
  {
    name: 'get-by-id',
    kind: 'read',
    shape: 'GET /Users/<random id>',
    requests: (t, p) => [
      { method: 'GET', setupRequest: (req) => ({ ...req, path: `${base(t)}/Users/${pick(p.sample).id}` }) },
    ],
  },
  {
    name: 'list-page',
    kind: 'read',
    shape: 'GET /Users?startIndex=<random ≤ users-100>&count=100',
    requests: (t, p) => [
      {
        method: 'GET',
        setupRequest: (req) => ({
          ...req,
          path: `${base(t)}/Users?startIndex=${1 + Math.floor(Math.random() * Math.max(1, p.users - 100))}&count=100`,
        }),
      },
    ],
  },
  {
    name: 'create',
    kind: 'write',
    shape: 'POST /Users (unique userName)',
    requests: (t) => [
      {
        method: 'POST',
        setupRequest: (req) => {
          const n = ++created;
          const userName = `bench-${t.name}-${process.pid}-${n}@example.com`;
          const body = {
            schemas: [USER_SCHEMA],
            userName,
            externalId: `bench-ext-${t.name}-${process.pid}-${n}`,
            displayName: `Bench User ${n}`,
            active: true,
            name: { givenName: 'Bench', familyName: String(n) },
            emails: [{ value: userName, type: 'work', primary: true }],
          };
          return { ...req, path: `${base(t)}/Users`, body: JSON.stringify(body) };
        },
      },
    ],
  },
  {
    name: 'patch-active',
    kind: 'write',
    shape: 'PATCH /Users/<random id> replace active (alternating false/true)',
    requests: (t, p) => {
      let flip = false;
      return [
        {
          method: 'PATCH',
          setupRequest: (req) => {
            flip = !flip;
            const body = { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: !flip }] };
            return { ...req, path: `${base(t)}/Users/${pick(p.sample).id}`, body: JSON.stringify(body) };
          },
        },
      ];
    },
  },
  {
    name: 'member-add-remove',
    kind: 'write',
    shape: 'PATCH /Groups/<big group> add members [random user], then remove members[value eq …]',
    // Two requests per cycle on the same user; a seeded member is removed then re-added, any other
    // user added then removed, so the big group keeps its size.
    requests: (t, p) => {
      const path = `${base(t)}/Groups/${p.bigGroupId}`;
      const add = (id: string): string =>
        JSON.stringify({ schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: [{ value: id }] }] });
      const remove = (id: string): string =>
        JSON.stringify({ schemas: [PATCH_OP], Operations: [{ op: 'remove', path: `members[value eq "${id}"]` }] });
      return [
        {
          method: 'PATCH',
          setupRequest: (req, context) => {
            const user = pick(p.sample);
            context.user = user;
            return { ...req, path, body: user.inBigGroup ? remove(user.id) : add(user.id) };
          },
        },
        {
          method: 'PATCH',
          setupRequest: (req, context) => {
            const user = context.user as SampleUser;
            return { ...req, path, body: user.inBigGroup ? add(user.id) : remove(user.id) };
          },
        },
      ];
    },
  },
];

/** One autocannon run (after its warm-up) of one operation against one target; `observe` sees every response of the measured run. */
export async function measure(
  target: Target,
  operation: Operation,
  population: Population,
  settings: RunSettings,
  observe?: (status: number, ms: number) => void,
): Promise<Measurement> {
  let firstError: string | undefined;
  const onResponse = (status: number, body: string): void => {
    if ((status < 200 || status > 299) && firstError === undefined) firstError = `${status} ${body.slice(0, 300)}`;
  };
  const requests = operation.requests(target, population).map((r) => ({ ...r, onResponse }));
  const instance = autocannon({
    url: target.origin,
    connections: settings.connections,
    duration: settings.duration,
    timeout: 10,
    headers: {
      authorization: `Bearer ${target.token}`,
      'content-type': 'application/scim+json',
      accept: 'application/scim+json',
    },
    requests,
    ...(settings.warmup > 0 && { warmup: { connections: settings.connections, duration: settings.warmup } }),
  });
  // autocannon's own percentiles are whole milliseconds (1 ms is 8% of a 12 ms median): the 2xx
  // response times of the measured run are kept here for percentiles to 0.01 ms.
  const latencies: number[] = [];
  // on() returns the instance itself, awaited below.
  void instance.on('response', (_client, status, _bytes, ms) => {
    if (status >= 200 && status <= 299) latencies.push(ms);
    observe?.(status, ms);
  });
  const result = await instance;
  latencies.sort((a, b) => a - b);
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats)) statusCodes[code] = stat.count;
  return {
    requestsPerSecond: result.requests.average,
    p50: percentile(latencies, 0.5) ?? result.latency.p50,
    p99: percentile(latencies, 0.99) ?? result.latency.p99,
    responses: Object.values(statusCodes).reduce((a, b) => a + b, 0),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    statusCodes,
    firstError,
  };
}

/** The value below which the share `q` of the sorted values lie (nearest rank), rounded to 0.01. */
export function percentile(sorted: number[], q: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const value = sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  return Math.round(value * 100) / 100;
}
