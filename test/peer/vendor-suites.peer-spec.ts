import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { processStore, RunningServer, startBuiltServer } from '../support/process';
import { AZURE_ASSERTIONS, AZURE_REFERENCE_SETTINGS, runAzureReference, SuiteResult } from './azure-reference';
import { assertPeerSuites, PEER_SUITES } from './peer-suites-dir';
import { RunscopeExport, runRunscope } from './runscope-runner';

const ADMIN_TOKEN = 'peer-suites-admin-token-0123456789';
/** The SPEC test's assertions: 52 on its requests, and the one its one script makes. */
const OKTA_ASSERTIONS = 53;

/**
 * The identity providers' own conformance suites against the built server, on the engine of the run
 * (PGlite, or PostgreSQL when DATABASE_URL is set). Each suite gets a fresh identity server; each
 * prints its own counts ("<suite>: N passed, N failed, N skipped") and lists what failed (assertions,
 * and scripts or requests that failed outside one). With PEER_REPORT set, each also writes
 * `<PEER_REPORT>-<suite>.json` ({ passed, failed, skipped }) for `.ci/run`.
 */
describe('vendor conformance suites', () => {
  const store = processStore('peer');
  const env = { ...store.env, LOG_LEVEL: 'warn', ADMIN_TOKEN };
  let server: RunningServer;
  let origin: string;

  beforeAll(async () => {
    assertPeerSuites();
    server = await startBuiltServer(env);
    origin = `http://127.0.0.1:${server.port}`;
  });

  afterAll(async () => {
    // Not started (it did not become ready in time): nothing to stop, and beforeAll's error says why.
    if (server) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    await store.remove();
  });

  async function identityServer(
    name: string,
    settings: Record<string, unknown> = {},
  ): Promise<{ base: string; token: string }> {
    const res = await fetch(`${origin}/admin/servers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name, ...settings }),
    });
    const created = (await res.json()) as { id: string; credentials: { token: string } };
    if (res.status !== 201)
      throw new Error(`creating the identity server answered ${res.status}: ${JSON.stringify(created)}`);
    return { base: `${origin}/scim/v2/${created.id}`, token: created.credentials.token };
  }

  function report(suite: string, result: SuiteResult): void {
    const lines = result.failures.map((f) => `  ✕ ${f.request} — ${f.assertion}: ${f.message}`);
    process.stdout.write(
      `${suite}: ${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped\n${lines.join('\n')}${lines.length ? '\n' : ''}`,
    );
    const file = process.env.PEER_REPORT;
    if (file)
      writeFileSync(
        `${file}-${suite}.json`,
        JSON.stringify({ passed: result.passed, failed: result.failed, skipped: result.skipped }),
      );
  }

  it("Microsoft's SCIM reference collection (all of it but the Get Token request: 107 of its 108 assertions)", async () => {
    // The settings of docs/compatibility.md that satisfy the collection's departures from RFC 7644.
    const { base, token } = await identityServer('Entra reference suite', { scim: AZURE_REFERENCE_SETTINGS });
    const result = await runAzureReference(base, token);
    report('microsoft', result);
    expect(result.failures).toEqual([]);
    expect([result.passed, result.skipped]).toEqual([AZURE_ASSERTIONS, 0]);
  });

  it("Okta's SCIM 2.0 SPEC test", async () => {
    const { base, token } = await identityServer('Okta SPEC test');
    // The suite's first step reads one complete user that must already exist.
    const seeded = await fetch(`${base}/Users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'existing.user@example.com',
        name: { givenName: 'Existing', familyName: 'User' },
        emails: [{ value: 'existing.user@example.com', type: 'work', primary: true }],
        active: true,
      }),
    });
    expect(seeded.status).toBe(201);
    const dir = join(PEER_SUITES, 'okta-runscope');
    const suite = JSON.parse(readFileSync(join(dir, 'Okta-SCIM-20-SPEC-Test.json'), 'utf8')) as RunscopeExport;
    const result = await runRunscope(suite, readFileSync(join(dir, 'Initial_Script_Spec.txt'), 'utf8'), {
      SCIMBaseURL: base,
      auth: `Bearer ${token}`,
    });
    const failures = result.outcomes
      .filter((o) => !o.passed)
      .map((o) => ({ request: o.step, assertion: o.assertion, message: o.detail ?? 'failed' }));
    report('okta', { passed: result.passed, failed: result.failed, skipped: result.skipped, failures });
    expect(failures).toEqual([]);
    expect([result.passed, result.skipped]).toEqual([OKTA_ASSERTIONS, 0]);
  });
});
