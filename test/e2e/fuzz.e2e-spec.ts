import { createServer, CreatedServer, ERROR_SCHEMA, groupBody, scim, userBody } from '../support/factories';
import { ADMIN_TOKEN, TestApp, TestResponse } from '../support/test-app';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ACME = 'urn:ietf:params:scim:schemas:extension:acme:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const BULK = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const SEARCH = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';

/** Requests per run: a few thousand, deterministic (fixed seed), well under 40 s on either engine. */
const RUNS = 2500;
const SEED = 0x5c1d;

/** mulberry32: a small seeded PRNG, so that a failure is reproduced by the same run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Fuzzed {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

/**
 * Random and near-valid requests across Users, Groups, Bulk, .search and the admin API: no answer may
 * be a 5xx, and every 4xx under /scim carries the SCIM error envelope (RFC 7644 §3.12).
 */
describe('fuzzed requests', () => {
  let app: TestApp;
  let lenient: CreatedServer;
  let strict: CreatedServer;
  let userId: string;
  let groupId: string;

  beforeAll(async () => {
    app = await TestApp.start();
    const access = { rateLimit: { requestsPerSecond: 10_000, burst: 100_000 } };
    lenient = await createServer(app, { access });
    strict = await createServer(app, { access, scim: { strict: true } });
    const attributes = {
      attributes: [
        { schema: ACME, name: 'costCode', type: 'integer' },
        { schema: ACME, name: 'rate', type: 'decimal' },
        { schema: ACME, name: 'pin', mutability: 'writeOnly', returned: 'never' },
      ],
    };
    for (const server of [lenient, strict])
      expect((await app.admin('PUT', `/servers/${server.id}/attributes`, attributes)).status).toBe(200);
    userId = (
      await scim(app, lenient, 'POST', `${lenient.base}/Users`, userBody(undefined, { [ACME]: { costCode: 7 } }))
    ).body.id;
    groupId = (
      await scim(app, lenient, 'POST', `${lenient.base}/Groups`, groupBody(undefined, { members: [{ value: userId }] }))
    ).body.id;
  });
  afterAll(() => app.close());

  it(`answers none of ${RUNS} requests with a 5xx`, async () => {
    const random = prng(SEED);
    const generate = generator(random, () => ({ lenient, strict, userId, groupId }));
    const failures: string[] = [];
    const statuses: Record<number, number> = {};
    for (let i = 0; i < RUNS; i++) {
      const request = generate();
      let res: TestResponse;
      try {
        res = await app.request(request.method, request.url, { headers: request.headers, payload: request.payload });
      } catch {
        continue; // refused by the HTTP layer itself (an invalid header value): never reached the server
      }
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      const envelope =
        request.url.startsWith('/scim/') && request.method !== 'HEAD' && res.status >= 400 && res.status < 500
          ? scimEnvelopeProblem(res)
          : undefined;
      // /Me is answered 501 by design (scimd's clients are IdPs, not users).
      const serverError = res.status >= 500 && !(res.status === 501 && /\/Me(\?|$)/.test(request.url));
      if (serverError || envelope)
        failures.push(
          `#${i} ${request.method} ${request.url.slice(0, 160)} ${(request.payload ?? '').slice(0, 160)} → ${res.status} ${envelope ?? res.text.slice(0, 200)}`,
        );
    }
    if (process.env.FUZZ_STATS) console.log(statuses);
    expect(failures).toEqual([]);
  }, 120_000);
});

/** Why a SCIM 4xx answer is not an RFC 7644 Error envelope, or undefined when it is one. */
function scimEnvelopeProblem(res: TestResponse): string | undefined {
  const body = res.body as Record<string, unknown> | undefined;
  if (!body || !Array.isArray(body.schemas) || body.schemas[0] !== ERROR_SCHEMA) return 'no SCIM error envelope';
  if (body.status !== String(res.status)) return `status "${String(body.status)}" in the body`;
  if (typeof body.detail !== 'string' || body.detail === '') return 'no detail';
  return undefined;
}

interface Targets {
  lenient: CreatedServer;
  strict: CreatedServer;
  userId: string;
  groupId: string;
}

function generator(random: () => number, targets: () => Targets): () => Fuzzed {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const int = (n: number) => Math.floor(random() * n);

  const NUMBERS = [
    '1e308',
    '-1e308',
    '1e20',
    '-1',
    '0',
    '1.5',
    '9223372036854775808',
    '1e400',
    'NaN',
    'Infinity',
    '"1"',
    '-0',
    '2147483648',
    '99999999999999999999',
  ];
  const ATTRS = [
    'userName',
    'displayName',
    'emails.value',
    'emails[type eq "work"].value',
    'name.givenName',
    'active',
    'meta.created',
    'meta.lastModified',
    'id',
    'externalId',
    'password',
    `${ACME}:costCode`,
    `${ACME}:rate`,
    `${ACME}:pin`,
    'members.value',
    'groups.value',
    'title',
    'x',
  ];
  const OPS = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le', 'pr'];
  const VALUES = [
    '"a"',
    '"\\u0000"',
    '"a\\u0000b"',
    '1e308',
    '-1e308',
    '99999999999999999999',
    '1.5',
    'true',
    'null',
    '"2011-05-13T04:42:34Z"',
    'x',
    '"\\ud800"',
    '""',
    '"%"',
    '"_"',
    '"\\\\"',
  ];
  const NULS = ['%00', '\u0000', '%2500', '\\u0000'];

  const nest = (depth: number, leaf: string, array = random() < 0.5): string =>
    array ? '['.repeat(depth) + leaf + ']'.repeat(depth) : '{"a":'.repeat(depth) + leaf + '}'.repeat(depth);
  const filter = (): string => {
    const r = random();
    if (r < 0.1) return '('.repeat(int(3000)) + 'userName eq "a"' + ')'.repeat(int(3000));
    if (r < 0.2) return Array.from({ length: int(200) + 1 }, () => 'userName eq "a"').join(pick([' and ', ' or ']));
    if (r < 0.25) return 'not ('.repeat(int(100)) + 'userName pr' + ')'.repeat(int(100));
    if (r < 0.4) return `userName eq "a" and ${pick(ATTRS)} ${pick(OPS)} ${pick(VALUES)}`;
    const op = pick(OPS);
    const one = `${pick(ATTRS)} ${op}${op === 'pr' ? '' : ` ${pick(VALUES)}`}`;
    return random() < 0.3 ? `${one} ${pick(['and', 'or'])} ${pick(ATTRS)} ${pick(OPS)} ${pick(VALUES)}` : one;
  };
  const mutate = (text: string): string => {
    const chars = [...text];
    for (let n = int(3); n >= 0; n--) {
      const at = int(chars.length + 1);
      const r = random();
      if (r < 0.3) chars.splice(at, 1);
      else if (r < 0.6)
        chars.splice(at, 0, pick(['"', '(', ')', '[', ']', ' ', '\\', '\u0000', 'é', '\ud800', '%', '.', ':']));
      else chars.splice(at, 0, pick(NULS));
    }
    return chars.join('');
  };
  const query = (name: string, value: string): string => `${name}=${random() < 0.9 ? encode(value) : value}`;
  // Percent-encoded, but a written "%00" stays a NUL (and a lone surrogate, which cannot be encoded, becomes "?").
  const encode = (value: string): string =>
    encodeURIComponent(value.replace(/[\ud800-\udfff]/g, '?')).replace(/%2500/g, '%00');
  const queryParams = (): string => {
    const parts: string[] = [];
    if (random() < 0.6) parts.push(query('filter', random() < 0.3 ? mutate(filter()) : filter()));
    if (random() < 0.3) parts.push(query('startIndex', pick(NUMBERS)));
    if (random() < 0.3) parts.push(query('count', pick(NUMBERS)));
    if (random() < 0.2) parts.push(query('sortBy', random() < 0.5 ? pick(ATTRS) : mutate(pick(ATTRS))));
    if (random() < 0.1) parts.push(query('sortOrder', pick(['ascending', 'DESCENDING', 'up', '%00'])));
    if (random() < 0.2)
      parts.push(query(pick(['attributes', 'excludedAttributes']), random() < 0.5 ? pick(ATTRS) : mutate(pick(ATTRS))));
    if (random() < 0.1) parts.push(query('cursor', pick(['', 'abc', '%00', 'eyJ0IjoxfQ', mutate('eyJ0IjoxfQ')])));
    if (random() < 0.05) parts.push(`${pick(NULS)}=1`);
    return parts.length ? `?${parts.join('&')}` : '';
  };
  const patchValue = (): string => {
    const r = random();
    if (r < 0.15) return nest(int(6000) + 1, '"x"', false);
    if (r < 0.3) return pick(NUMBERS);
    if (r < 0.4) return `{"${ACME}":{"costCode":${pick(NUMBERS)}}}`;
    if (r < 0.5) return `"${pick(['a', '\\u0000', 'x\\u0000'])}"`;
    return pick(['"x"', 'true', 'null', '[]', '{}', '[{"value":"x"}]', `[{"value":"${targets().userId}"}]`]);
  };
  const patchBody = (): string => {
    const ops = Array.from({ length: int(4) + 1 }, () => {
      const path =
        random() < 0.2
          ? ''
          : `,"path":${JSON.stringify(random() < 0.3 ? mutate(pick(ATTRS)) : pick([...ATTRS, 'members', `members[value eq "${targets().userId}"]`, `${ACME}:costCode`, `emails[value eq ${pick(VALUES)}]`]))}`;
      return `{"op":"${pick(['add', 'replace', 'remove', 'Replace', 'move', ''])}"${path},"value":${patchValue()}}`;
    });
    return `{"schemas":["${PATCH_OP}"],"Operations":[${ops.join(',')}]}`;
  };
  const resourceBody = (): string => {
    const r = random();
    if (r < 0.15) return `{"schemas":["${USER}"],"userName":"u${int(1e6)}","name":${nest(int(8000) + 1, '"x"')}}`;
    if (r < 0.3)
      return `{"schemas":["${USER}"],"userName":"u${int(1e6)}","${ACME}":{"costCode":${pick(NUMBERS)},"rate":${pick(NUMBERS)}}}`;
    if (r < 0.4) return `{"schemas":["${USER}"],"userName":"${pick(['a', 'a\\u0000', '\\u0000'])}${int(1e6)}"}`;
    if (r < 0.5) return mutate(JSON.stringify(userBody()));
    if (r < 0.6)
      return JSON.stringify(
        groupBody(undefined, { members: [{ value: pick([targets().userId, targets().groupId, 'x', '\u0000']) }] }),
      );
    return JSON.stringify(
      userBody(undefined, { title: pick(['a', '\u0000']), active: pick([true, 'True', 1e308, null]) }),
    );
  };
  const bulkBody = (): string => {
    const r = random();
    const failOnErrors = random() < 0.5 ? `"failOnErrors":${pick(NUMBERS)},` : '';
    if (r < 0.2)
      return `{"schemas":["${BULK}"],${failOnErrors}"Operations":[{"method":"POST","path":"/Users","bulkId":"a","data":${nest(int(9000) + 1, '1')}}]}`;
    const ops = Array.from({ length: int(4) + 1 }, () => {
      const method = pick(['POST', 'PUT', 'PATCH', 'DELETE', 'GET', 'post']);
      const path = pick([
        '/Users',
        '/Groups',
        `/Users/${targets().userId}`,
        `/Groups/${targets().groupId}`,
        '/Users/bulkId:a',
        '/Users/%00',
        '/Users/\u0000',
        '/x',
      ]);
      const data = method.toUpperCase() === 'PATCH' ? patchBody() : resourceBody();
      return `{"method":"${method}","path":${JSON.stringify(path)},"bulkId":"${pick(['a', 'b', '\\u0000'])}","version":${pick(['"W/\\"1\\""', '1e308', 'null'])},"data":${data}}`;
    });
    const text = `{"schemas":["${BULK}"],${failOnErrors}"Operations":[${ops.join(',')}]}`;
    return random() < 0.2 ? mutate(text) : text;
  };
  const searchBody = (): string => {
    const fields = [`"schemas":["${SEARCH}"]`];
    if (random() < 0.7) fields.push(`"filter":${JSON.stringify(random() < 0.3 ? mutate(filter()) : filter())}`);
    if (random() < 0.5) fields.push(`"startIndex":${pick(NUMBERS)}`);
    if (random() < 0.5) fields.push(`"count":${pick(NUMBERS)}`);
    if (random() < 0.2) fields.push(`"sortBy":${JSON.stringify(pick(ATTRS))}`);
    if (random() < 0.2)
      fields.push(
        `"attributes":${pick(['["userName"]', '"userName"', '[1]', '["\\u0000"]', nest(int(5000) + 1, '"x"', true)])}`,
      );
    if (random() < 0.1) fields.push(`"cursor":${pick(['""', '"abc"', '"\\u0000"', '1'])}`);
    return `{${fields.join(',')}}`;
  };
  const adminRequest = (): Fuzzed => {
    const { lenient } = targets();
    const headers = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };
    const r = random();
    if (r < 0.2)
      return {
        method: 'POST',
        url: '/admin/servers',
        headers,
        payload: `{"name":"s${int(1e6)}","security":{"method":"oauth2","accessTokenTtlSeconds":${pick(NUMBERS)},"secretLifetimeDays":${pick(NUMBERS)}}}`,
      };
    if (r < 0.35)
      return { method: 'POST', url: '/admin/servers', headers, payload: `{"name":${nest(int(8000) + 1, '"x"')}}` };
    if (r < 0.5)
      return {
        method: 'PUT',
        url: `/admin/servers/${lenient.id}/attributes`,
        headers,
        payload: `{"attributes":[{"name":"n${int(100)}","type":"integer"}],"x":${nest(int(6000) + 1, '1')}}`,
      };
    if (r < 0.65)
      return {
        method: pick(['GET', 'DELETE']),
        url: `/admin/servers/${pick([lenient.id, '%00', 'x', `${lenient.id}%00`])}${pick(['', '/logs', '/audit', '/credentials'])}${pick(['', '?limit=1e308', '?limit=-1', '?limit=%00', '?before=%00', '?limit=99999999999999999999'])}`,
        headers,
      };
    if (r < 0.8)
      return {
        method: 'PATCH',
        url: `/admin/servers/${lenient.id}`,
        headers,
        payload: mutate(`{"name":"n${int(1e6)}","strict":false}`),
      };
    return {
      method: pick(['GET', 'POST', 'PUT']),
      url: `/admin/servers/${lenient.id}/logs${queryParams()}`,
      headers: { ...headers, [pick(['x-test', 'user-agent'])]: pick(['a', '\u0000', 'a\u0000b']) },
    };
  };

  return () => {
    const { lenient, strict, userId, groupId } = targets();
    if (random() < 0.12) return adminRequest();
    const server = random() < 0.6 ? lenient : strict;
    const headers: Record<string, string> = {
      authorization: `Bearer ${server.token}`,
      'content-type': pick([
        'application/scim+json',
        'application/scim+json',
        'application/json',
        'application/json; charset=utf-8',
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/scim+json; charset=latin1',
        'multipart/form-data',
      ]),
    };
    if (random() < 0.05)
      headers[pick(['if-match', 'if-none-match', 'x-request-id', 'accept'])] = pick([
        'W/"1"',
        '*',
        '\u0000',
        'a\u0000',
        '1e308',
      ]);
    const r = random();
    const resource = pick(['Users', 'Groups']);
    const id =
      random() < 0.7 ? (resource === 'Users' ? userId : groupId) : pick(['%00', `${userId}%00`, 'x', '..', '%2e%2e']);
    if (r < 0.3) return { method: 'GET', url: `${server.base}/${resource}${queryParams()}`, headers };
    if (r < 0.4)
      return { method: 'GET', url: `${server.base}/${resource}/${id}${random() < 0.5 ? queryParams() : ''}`, headers };
    if (r < 0.55) return { method: 'PATCH', url: `${server.base}/${resource}/${id}`, headers, payload: patchBody() };
    if (r < 0.65)
      return {
        method: 'POST',
        url: `${server.base}/${pick(['Users', 'Groups', '', 'Users/', 'users'])}${pick(['.search', '/.search'])}`.replace(
          '//',
          '/',
        ),
        headers,
        payload: searchBody(),
      };
    if (r < 0.75) return { method: 'POST', url: `${server.base}/Bulk`, headers, payload: bulkBody() };
    if (r < 0.85)
      return {
        method: pick(['POST', 'PUT']),
        url: `${server.base}/${resource}${pick(['', `/${id}`])}`,
        headers,
        payload: resourceBody(),
      };
    if (r < 0.9)
      return { method: 'DELETE', url: `${server.base}/${resource}/${pick(['%00', 'x', `${id}%00`])}`, headers };
    return {
      method: pick(['OPTIONS', 'HEAD', 'TRACE', 'PROPFIND', 'PATCH', 'PUT', 'DELETE']),
      url: `${server.base}/${pick(['Users', 'Groups', 'Bulk', '.search', 'Schemas', 'ResourceTypes', 'ServiceProviderConfig', 'Me', `Schemas/${USER}`])}${random() < 0.3 ? queryParams() : ''}`,
      headers,
      payload: random() < 0.5 ? resourceBody() : undefined,
    };
  };
}
