import { MEMBERSHIP_SQL } from '../../src/memberships/memberships.repository';
import { createServer, CreatedServer, groupBody, scim, scimError, userBody } from '../support/factories';
import { ENGINE, TestApp } from '../support/test-app';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** Whether `promise` is still unsettled after `ms`. */
async function stillPending(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((resolve) => setTimeout(resolve, ms));
  return !settled;
}

/**
 * A member added while it is being deleted leaves no edge to a resource that no longer exists, in
 * either order. Needs two connections at once: PostgreSQL only (the embedded database has one).
 */
(ENGINE === 'postgres' ? describe : describe.skip)('membership and deletion racing (PostgreSQL)', () => {
  let app: TestApp;
  let server: CreatedServer;

  const edges = async (memberId: string) =>
    (
      await app.dataSource.query(
        'SELECT count(*)::int AS n FROM scim_group_members WHERE server_id = $1 AND member_id = $2',
        [server.id, memberId],
      )
    )[0].n;
  const create = async (endpoint: 'Users' | 'Groups', body: Record<string, unknown>) =>
    (await scim(app, server, 'POST', `${server.base}/${endpoint}`, body)).body.id as string;

  beforeAll(async () => {
    app = await TestApp.start();
    server = await createServer(app);
  });
  afterAll(() => app.close());

  it('a delete that started first: the PATCH waits for it, then refuses the member it removed', async () => {
    const [userId, groupId] = [await create('Users', userBody()), await create('Groups', groupBody())];
    const deleting = app.dataSource.createQueryRunner();
    await deleting.connect();
    try {
      await deleting.startTransaction();
      await deleting.query('DELETE FROM scim_users WHERE server_id = $1 AND id = $2', [server.id, userId]);
      const patch = scim(app, server, 'PATCH', `${server.base}/Groups/${groupId}`, {
        schemas: [PATCH_OP],
        Operations: [{ op: 'add', path: 'members', value: [{ value: userId }] }],
      });
      expect(await stillPending(patch, 300)).toBe(true);
      await deleting.query('DELETE FROM scim_group_members WHERE server_id = $1 AND member_id = $2', [
        server.id,
        userId,
      ]);
      await deleting.commitTransaction();
      const res = await patch;
      expect([res.status, res.body]).toEqual([
        400,
        scimError(400, `Member ${userId} is not a User or Group of this identity server`, 'invalidValue'),
      ]);
    } finally {
      await deleting.release();
    }
    expect(await edges(userId)).toBe(0);
  });

  /**
   * The one-statement PATCH (add members, no If-Match) held at its edge: a transaction of the test
   * locks the group's row, which the edge's foreign key check waits for, after the member check ran.
   * The member is deleted meanwhile; its DELETE must wait for the PATCH and remove the new edge.
   */
  it.each(['Users', 'Groups'] as const)(
    'a one-statement PATCH add held at its edge: a DELETE of the member (%s) waits for it and removes the edge',
    async (endpoint) => {
      const [memberId, groupId] = [
        await create(endpoint, endpoint === 'Users' ? userBody() : groupBody()),
        await create('Groups', groupBody()),
      ];
      const holding = app.dataSource.createQueryRunner();
      await holding.connect();
      try {
        await holding.startTransaction();
        await holding.query('SELECT 1 FROM scim_groups WHERE server_id = $1 AND id = $2 FOR UPDATE', [
          server.id,
          groupId,
        ]);
        const patch = scim(app, server, 'PATCH', `${server.base}/Groups/${groupId}`, {
          schemas: [PATCH_OP],
          Operations: [{ op: 'add', path: 'members', value: [{ value: memberId }] }],
        });
        expect(await stillPending(patch, 300)).toBe(true);
        const removal = scim(app, server, 'DELETE', `${server.base}/${endpoint}/${memberId}`);
        const removalWaited = await stillPending(removal, 300);
        await holding.commitTransaction();
        const [patched, removed] = [await patch, await removal];
        expect([patched.status, patched.body.id, removed.status, removalWaited]).toEqual([200, groupId, 204, true]);
      } finally {
        await holding.release();
      }
      expect(await edges(memberId)).toBe(0);
      const group = await scim(app, server, 'GET', `${server.base}/Groups/${groupId}`);
      expect([group.status, group.body.members]).toEqual([200, []]);
    },
  );

  it('an add that started first: the DELETE waits for it, then removes the new edge with the user', async () => {
    const [userId, groupId] = [await create('Users', userBody()), await create('Groups', groupBody())];
    const adding = app.dataSource.createQueryRunner();
    await adding.connect();
    try {
      // The statements a member add runs, in its order: the member check, then the edge.
      await adding.startTransaction();
      const found: { id: string; type: string }[] = await adding.query(MEMBERSHIP_SQL.memberTypes, [
        server.id,
        [userId],
      ]);
      expect(found).toEqual([{ id: userId, type: 'User' }]);
      await adding.query(MEMBERSHIP_SQL.add, [server.id, groupId, [userId], ['User'], [null]]);
      const removal = scim(app, server, 'DELETE', `${server.base}/Users/${userId}`);
      expect(await stillPending(removal, 300)).toBe(true);
      await adding.commitTransaction();
      expect((await removal).status).toBe(204);
    } finally {
      await adding.release();
    }
    expect(await edges(userId)).toBe(0);
    const group = await scim(app, server, 'GET', `${server.base}/Groups/${groupId}`);
    expect([group.status, group.body.members]).toEqual([200, []]);
  });
});
