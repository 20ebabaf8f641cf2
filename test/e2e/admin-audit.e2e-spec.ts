import { runAs } from '../../src/audit-log/audit-trail/actor-context';
import { AuditTrail } from '../../src/audit-log/audit-trail/audit-trail.service';
import { AdminTokenService } from '../../src/admin/admin-token.service';
import { ServersService } from '../../src/servers/servers.service';
import { createServer, uniqueName } from '../support/factories';
import { sha256Hex } from '../../src/common/crypto';
import { ADMIN_TOKEN, TestApp } from '../support/test-app';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('audit trail of administrative changes', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.close());

  const audit = (query = '') => app.admin('GET', `/audit${query}`);

  it('records who changed what, before and after, without secrets, newest first', async () => {
    const server = await createServer(app, {
      security: { method: 'basic', username: 'okta', password: 'Initial-Passw0rd!' },
    });
    const patched = await app.admin('PATCH', `/servers/${server.id}`, {
      logRequests: true,
      access: { allowlist: ['192.0.2.0/24'] },
    });
    expect(patched.status).toBe(200);
    const issued = await app.admin('POST', `/servers/${server.id}/credentials`);
    expect((await app.admin('DELETE', `/servers/${server.id}/credentials/${issued.body.id}`)).status).toBe(204);
    expect((await app.admin('DELETE', `/servers/${server.id}`)).status).toBe(204);

    const res = await audit(`?serverId=${server.id}`);
    expect(res.status).toBe(200);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.entries.map((e: any) => [e.action, e.targetId])).toEqual([
      ['server.deleted', null],
      ['credential.revoked', issued.body.id],
      ['credential.issued', issued.body.id],
      ['server.updated', null],
      ['server.created', server.credentialId],
    ]);
    for (const entry of res.body.entries) {
      expect(entry).toMatchObject({
        id: expect.any(String),
        time: expect.stringMatching(ISO),
        actor: 'admin-api',
        actorAddress: '127.0.0.1',
        actorCredential: `sha256:${sha256Hex(ADMIN_TOKEN).slice(0, 12)}`,
        serverId: server.id,
      });
    }
    const updated = res.body.entries[3];
    expect(updated.before).toMatchObject({
      logRequests: false,
      access: { allowlist: [] },
      security: { method: 'basic', username: 'okta' },
    });
    expect(updated.after).toMatchObject({ logRequests: true, access: { allowlist: ['192.0.2.0/24'] } });
    expect(res.body.entries[4]).toMatchObject({
      before: null,
      after: expect.objectContaining({ id: server.id, name: server.body.name }),
    });
    expect(res.body.entries[0]).toMatchObject({ before: expect.objectContaining({ id: server.id }), after: null });
    expect(JSON.stringify(await app.dataSource.query('SELECT * FROM admin_audit'))).not.toContain('Initial-Passw0rd!');
    expect(JSON.stringify(res.body)).not.toContain(issued.body.password);
  });

  it('writes nothing for a change that failed, and nothing stays of a change whose audit entry failed', async () => {
    const taken = await createServer(app);
    const other = await createServer(app);
    const conflict = await app.admin('PATCH', `/servers/${other.id}`, { name: taken.body.name });
    expect(conflict.status).toBe(409);
    expect((await audit(`?serverId=${other.id}`)).body.entries.map((e: any) => e.action)).toEqual(['server.created']);

    const spy = jest.spyOn(AuditTrail.prototype, 'record').mockRejectedValueOnce(new Error('audit insert failed'));
    try {
      const name = uniqueName('rolled-back');
      const res = await app.admin('POST', '/servers', { name });
      expect(res.status).toBe(500);
      expect((await app.admin('GET', '/servers')).body.map((s: any) => s.name)).not.toContain(name);
    } finally {
      spy.mockRestore();
    }
  });

  it('pages with cursor and limit, filters by time, and names the CLI as the actor of its changes', async () => {
    const servers = app.get(ServersService);
    const created = await runAs({ actor: 'cli' }, () => servers.create({ name: uniqueName('cli') }));
    await app.get(AdminTokenService).verify('x'); // reading is not a change
    const first = await audit('?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.entries).toHaveLength(2);
    expect(first.body.entries[0]).toMatchObject({
      action: 'server.created',
      serverId: created.id,
      actor: 'cli',
      actorAddress: null,
      actorCredential: null,
    });
    const second = await audit(`?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.entries).toHaveLength(2);
    expect(second.body.entries[0].time <= first.body.entries[1].time).toBe(true);
    expect((await audit(`?limit=2&serverId=${created.id}&cursor=${first.body.nextCursor}`)).status).toBe(400);
    expect((await audit('?from=2999-01-01T00:00:00Z')).body).toEqual({ entries: [], nextCursor: null });
    expect((await audit('?serverId=nope')).status).toBe(400);
    expect((await app.admin('GET', '/audit', undefined, 'wrong-token-0123456789')).status).toBe(401);
  });
});
