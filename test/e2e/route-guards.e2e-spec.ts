import { randomUUID } from 'node:crypto';
import { digestRealm } from '../../src/auth/digest/digest-hash';
import { createServer, ERROR_SCHEMA, SCIM_JSON } from '../support/factories';
import { TestApp, TestResponse } from '../support/test-app';

/** A route as the running Fastify router has it: one method of one URL pattern. */
interface Route {
  method: string;
  url: string;
}

/**
 * Routes public by design, each with its reason. A route in this list must exist (the test fails when
 * one disappears, so that the list stays true), and every other route must refuse an unauthenticated
 * request: a new route is guarded or named here.
 */
const PUBLIC_ROUTES: Record<string, { reason: string; status: number }> = {
  'GET /health/live': { reason: 'liveness probe for orchestrators: says only that the process answers', status: 200 },
  'GET /health/ready': {
    reason: 'readiness probe for orchestrators and load balancers: says only whether the database answers',
    status: 200,
  },
  'POST /oauth/:serverId/token': {
    reason:
      'OAuth 2.0 token endpoint: authenticates the client itself (RFC 6749 §2.3), with its own 401 invalid_client',
    status: 401,
  },
  'GET /oauth/:serverId/authorize': {
    reason: 'OAuth 2.0 authorization page for a person, who approves with the approval secret (400: no parameters)',
    status: 400,
  },
  'POST /oauth/:serverId/authorize': {
    reason: 'OAuth 2.0 authorization form: checks the approval secret it carries (400: no parameters)',
    status: 400,
  },
  'GET /docs': { reason: 'the OpenAPI documentation (Swagger UI): describes the API, holds no data', status: 200 },
  'GET /docs/': { reason: 'Swagger UI', status: 200 },
  'GET /docs/swagger-ui-init.js': { reason: 'Swagger UI', status: 200 },
  'GET /docs/docs/swagger-ui-init.js': { reason: 'Swagger UI', status: 200 },
  'GET /docs/index.html': { reason: 'Swagger UI', status: 200 },
  'GET /docs/LICENSE': { reason: 'Swagger UI (the file is not shipped: 404)', status: 404 },
  'GET /docs/*': { reason: "Swagger UI's static files", status: 200 },
  'GET /docs-json': { reason: 'the OpenAPI document', status: 200 },
  'GET /docs-yaml': { reason: 'the OpenAPI document', status: 200 },
};

/**
 * Every route of the running router, from Fastify's own listing (`printRoutes` with full paths, one
 * tree line per node: the indentation gives the parent). HEAD is Fastify's automatic twin of GET and
 * answers as GET does: it is checked along with it. Each route parsed is confirmed with `hasRoute`, so a
 * misread listing fails instead of skipping routes.
 */
function registeredRoutes(app: TestApp): Route[] {
  const fastify = app.app.getHttpAdapter().getInstance();
  const listing: string = fastify.printRoutes({ commonPrefix: false });
  const parents: string[] = [];
  const routes: Route[] = [];
  for (const line of listing.split('\n')) {
    const match = /^(.*?)[├└]── (\S+)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1].length / 4;
    const url = (depth > 0 ? parents[depth - 1] : '') + match[2];
    parents[depth] = url;
    parents.length = depth + 1;
    for (const method of (match[3] ?? '').split(', ').filter(Boolean)) {
      if (!fastify.hasRoute({ method: method as 'GET', url })) throw new Error(`misread route ${method} ${url}`);
      routes.push({ method, url });
    }
  }
  return routes;
}

const key = (route: Route) => `${route.method} ${route.url}`;

describe('every SCIM and admin route is guarded', () => {
  let app: TestApp;
  let routes: Route[];

  beforeAll(async () => {
    app = await TestApp.start();
    routes = registeredRoutes(app);
  });
  afterAll(() => app.close());

  /** A concrete URL for the pattern: this server, random ids (the guards run before any lookup). */
  const concrete = (url: string, serverId: string) =>
    url
      .replace(':serverId', serverId)
      .replace(/:(id|credentialId|userId|logId)\b/g, () => randomUUID())
      .replace(':urn', 'urn:ietf:params:scim:schemas:core:2.0:User')
      .replace(':name', 'User')
      .replace('*', 'swagger-ui.css');
  // Fastify refuses a QUERY request without a body and its content type before routing it (400, no
  // handler reached): one is sent, so that the guards are what answers.
  const send = (route: Route, serverId: string, headers: Record<string, string> = {}): Promise<TestResponse> =>
    app.request(
      route.method,
      concrete(route.url, serverId),
      route.method === 'QUERY'
        ? { headers: { 'content-type': 'application/scim+json', ...headers }, payload: '{}' }
        : { headers },
    );

  /** HEAD routes that Fastify added beside a GET: checked with their GET. */
  const headTwin = (r: Route) => r.method === 'HEAD' && routes.some((g) => g.method === 'GET' && g.url === r.url);
  const scimRoutes = () => routes.filter((r) => r.url.startsWith('/scim/v2/:serverId/') && !headTwin(r));
  const adminRoutes = () => routes.filter((r) => r.url.startsWith('/admin/') && !headTwin(r));

  it('the router was read: SCIM, admin and public routes are all there', () => {
    expect(scimRoutes().length).toBeGreaterThanOrEqual(20);
    expect(adminRoutes().length).toBeGreaterThanOrEqual(25);
    expect(routes).toContainEqual({ method: 'PATCH', url: '/scim/v2/:serverId/Users/:id' });
    expect(routes).toContainEqual({ method: 'DELETE', url: '/admin/servers/:id/credentials/:credentialId' });
  });

  // Would catch: a route added outside /scim/v2/:serverId and /admin without a guard, and a public route
  // that disappeared or moved while still listed here.
  it('every route is a SCIM route, an admin route or a listed public one; every listed one exists', () => {
    const others = routes
      .filter((r) => !headTwin(r) && !r.url.startsWith('/scim/v2/:serverId/') && !r.url.startsWith('/admin/'))
      .map(key);
    expect(others.sort()).toEqual(Object.keys(PUBLIC_ROUTES).sort());
  });

  // Would catch: a public route that started to ask for credentials, or changed what it answers.
  it('the public routes answer without credentials as listed', async () => {
    const server = await createServer(app, { security: { method: 'oauth2' } });
    const answers: [string, number][] = [];
    for (const name of Object.keys(PUBLIC_ROUTES)) {
      const [method, url] = name.split(' ');
      answers.push([name, (await send({ method, url }, server.id)).status]);
    }
    expect(answers).toEqual(Object.entries(PUBLIC_ROUTES).map(([name, { status }]) => [name, status]));
  });

  // The 401 each security method answers a request without credentials (RFC 7235: with its challenge).
  const challenges = {
    bearer: {
      detail: 'Authentication required: send "Authorization: Bearer <token>"',
      challenge: () => 'Bearer realm="scimd"',
    },
    oauth2: {
      detail:
        'Authentication required: send "Authorization: Bearer <access token>" obtained from this server\'s OAuth 2.0 token endpoint',
      challenge: () => 'Bearer realm="scimd"',
    },
    basic: {
      detail: 'Authentication required: send "Authorization: Basic <base64 of username:password>"',
      challenge: () => 'Basic realm="scimd", charset="UTF-8"',
    },
    digest: {
      detail: 'Authentication required: answer the Digest challenge (qop=auth, SHA-256 or MD5)',
      challenge: (serverId: string) =>
        ['SHA-256', 'MD5'].map((algorithm) =>
          expect.stringMatching(
            new RegExp(
              `^Digest realm="${digestRealm(serverId)}", qop="auth", algorithm=${algorithm}, nonce="[^"]+", stale=false$`,
            ),
          ),
        ),
    },
  } as const;

  // Would catch: a SCIM controller declared without ScimController (no guards), a handler that answers
  // before authentication, or a method whose 401 lacks its challenge.
  it.each(Object.keys(challenges) as (keyof typeof challenges)[])(
    'a SCIM route without credentials is 401 with the SCIM error and the %s challenge',
    async (method) => {
      const server = await createServer(app, { security: { method } });
      const { detail, challenge } = challenges[method];
      const answers: unknown[] = [];
      const expected: unknown[] = [];
      for (const route of scimRoutes()) {
        const res = await send(route, server.id);
        answers.push([key(route), res.status, res.headers['content-type'], res.headers['www-authenticate'], res.body]);
        expected.push([
          key(route),
          401,
          SCIM_JSON,
          challenge(server.id),
          { schemas: [ERROR_SCHEMA], status: '401', detail },
        ]);
        if (route.method === 'GET') {
          const head = await send({ ...route, method: 'HEAD' }, server.id);
          answers.push([`HEAD ${route.url}`, head.status, head.headers['www-authenticate']]);
          expected.push([`HEAD ${route.url}`, 401, challenge(server.id)]);
        }
      }
      expect(answers).toEqual(expected);
    },
  );

  // Would catch: an admin controller declared without AdminController (no AdminGuard).
  it('an admin route without the admin token, or with a wrong one, is 401 with the Bearer challenge', async () => {
    const server = await createServer(app);
    const answers: unknown[] = [];
    const expected: unknown[] = [];
    let address = 0;
    for (const route of adminRoutes()) {
      const res = await send(route, server.id);
      answers.push([key(route), res.status, res.headers['www-authenticate'], res.body]);
      expected.push([
        key(route),
        401,
        'Bearer realm="scimd-admin"',
        {
          statusCode: 401,
          error: 'Unauthorized',
          message: 'Missing admin token: send "Authorization: Bearer <admin token>"',
        },
      ]);
      // A wrong token, from an address of its own (wrong tokens are throttled per address).
      const wrong = await app.request(route.method, concrete(route.url, server.id), {
        headers: { authorization: 'Bearer not-the-admin-token' },
        remoteAddress: `127.0.9.${++address}`,
      });
      answers.push([`${key(route)} (wrong token)`, wrong.status, wrong.headers['www-authenticate'], wrong.body]);
      expected.push([
        `${key(route)} (wrong token)`,
        401,
        'Bearer realm="scimd-admin", error="invalid_token"',
        { statusCode: 401, error: 'Unauthorized', message: 'The admin token is not valid' },
      ]);
    }
    expect(answers).toEqual(expected);
  });
});
