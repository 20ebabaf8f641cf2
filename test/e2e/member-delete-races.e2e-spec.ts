import { createServer, CreatedServer, groupBody, scim, uniqueName, userBody } from '../support/factories';
import { danglingEdges, Outcome, outcomeOf, refused, ROLLED_BACK } from '../support/membership-integrity';
import { ENGINE, TestApp } from '../support/test-app';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const BULK_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const ROUNDS = ENGINE === 'postgres' ? 20 : 2;
/** Members raced per round: six users and one group, each added by its own write while it is deleted. */
const USERS_PER_ROUND = 6;

interface Target {
  id: string;
  displayName: string;
  version: string;
}

/** One way of making `memberId` a member of `target` (POST makes a new group, ignoring `target`). */
type Write = (app: TestApp, server: CreatedServer, target: Target, memberId: string) => Promise<Outcome>;

const patchOf = (op: 'add' | 'replace', memberId: string) => ({
  schemas: [PATCH_OP],
  Operations: [{ op, path: 'members', value: [{ value: memberId }] }],
});
const bulkOutcome = async (
  app: TestApp,
  server: CreatedServer,
  operation: Record<string, unknown>,
): Promise<Outcome> => {
  const res = await scim(app, server, 'POST', `${server.base}/Bulk`, {
    schemas: [BULK_REQUEST],
    Operations: [operation],
  });
  if (res.status !== 200) return outcomeOf(res);
  const [answer] = res.body.Operations;
  return { status: Number(answer.status), body: answer.response ?? 'done', retryAfter: undefined };
};
const groupPath = (server: CreatedServer, target: Target) => `${server.base}/Groups/${target.id}`;

const WRITES: Record<string, Write> = {
  'PATCH add': async (app, server, target, memberId) =>
    outcomeOf(await scim(app, server, 'PATCH', groupPath(server, target), patchOf('add', memberId))),
  'PATCH add with If-Match': async (app, server, target, memberId) =>
    outcomeOf(
      await scim(app, server, 'PATCH', groupPath(server, target), patchOf('add', memberId), {
        'if-match': target.version,
      }),
    ),
  'PATCH replace': async (app, server, target, memberId) =>
    outcomeOf(await scim(app, server, 'PATCH', groupPath(server, target), patchOf('replace', memberId))),
  PUT: async (app, server, target, memberId) =>
    outcomeOf(
      await scim(
        app,
        server,
        'PUT',
        groupPath(server, target),
        groupBody(target.displayName, { members: [{ value: memberId }] }),
      ),
    ),
  'POST Groups': async (app, server, _target, memberId) =>
    outcomeOf(
      await scim(
        app,
        server,
        'POST',
        `${server.base}/Groups`,
        groupBody(uniqueName('new'), { members: [{ value: memberId }] }),
      ),
    ),
  'Bulk POST Groups': (app, server, _target, memberId) =>
    bulkOutcome(app, server, {
      method: 'POST',
      path: '/Groups',
      bulkId: 'g',
      data: groupBody(uniqueName('bulk'), { members: [{ value: memberId }] }),
    }),
  'Bulk PATCH': (app, server, target, memberId) =>
    bulkOutcome(app, server, { method: 'PATCH', path: `/Groups/${target.id}`, data: patchOf('add', memberId) }),
};

/** What a write adding `memberId` may answer while the member is being deleted. */
function allowed(path: string, memberId: string): Outcome[] {
  const bulk = path.startsWith('Bulk');
  const created = path.includes('POST');
  const success: Outcome = bulk
    ? { status: created ? 201 : 200, body: 'done', retryAfter: undefined }
    : { status: created ? 201 : 200, body: expect.objectContaining({ id: expect.any(String) }), retryAfter: undefined };
  const gone = refused(400, `Member ${memberId} is not a User or Group of this identity server`, 'invalidValue');
  return [success, gone, bulk ? { ...ROLLED_BACK, retryAfter: undefined } : ROLLED_BACK];
}

/**
 * A member is deleted while a write makes it a member: either the write refuses it, or its deletion
 * removes the new edge — never an edge to a User or Group that no longer exists, on any write path, in
 * either order. Needs concurrent connections: on the embedded database (one connection) it runs
 * serially and trivially.
 */
describe(`members deleted while they are added (${ENGINE})`, () => {
  let app: TestApp;
  let server: CreatedServer;

  beforeAll(async () => {
    app = await TestApp.start({ DB_POOL_SIZE: '8' });
    server = await createServer(app, { access: { rateLimit: { requestsPerSecond: 10_000, burst: 100_000 } } });
  });
  afterAll(() => app.close());

  const create = async (endpoint: 'Users' | 'Groups', body: Record<string, unknown>): Promise<Target> => {
    const res = await scim(app, server, 'POST', `${server.base}/${endpoint}`, body);
    return { id: res.body.id, displayName: res.body.displayName, version: res.headers.etag as string };
  };

  it.each([...Object.keys(WRITES), 'mixed'])(
    '%s: no dangling edge, and each write is done, refused or rolled back',
    async (path) => {
      const dangling: { round: number; edges: unknown[] }[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const users = await Promise.all(Array.from({ length: USERS_PER_ROUND }, () => create('Users', userBody())));
        // The member group is itself nested (it has a user), as a group deleted while nested would be.
        const memberGroup = await create(
          'Groups',
          groupBody(uniqueName('member'), { members: [{ value: users[0].id }] }),
        );
        const members = [...users, memberGroup];
        const targets = await Promise.all(members.map(() => create('Groups', groupBody(uniqueName('target')))));
        const pathOf = (i: number) =>
          path === 'mixed' ? Object.keys(WRITES)[(i + round) % Object.keys(WRITES).length] : path;
        const write = (i: number) => WRITES[pathOf(i)](app, server, targets[i], members[i].id);
        const remove = (i: number) =>
          scim(
            app,
            server,
            'DELETE',
            `${server.base}/${i < USERS_PER_ROUND ? 'Users' : 'Groups'}/${members[i].id}`,
          ).then(outcomeOf);
        // Both orders: even rounds send the writes first, odd rounds the deletes.
        const indexes = members.map((_, i) => i);
        let writes: Promise<Outcome>[], deletes: Promise<Outcome>[];
        if (round % 2 === 0) {
          writes = indexes.map(write);
          deletes = indexes.map(remove);
        } else {
          deletes = indexes.map(remove);
          writes = indexes.map(write);
        }
        const [written, removed] = [await Promise.all(writes), await Promise.all(deletes)];

        const edges = await danglingEdges(app.dataSource, server.id);
        if (edges.length > 0) dangling.push({ round, edges });
        written.forEach((outcome, i) => expect(allowed(pathOf(i), members[i].id)).toContainEqual(outcome));
        removed.forEach((outcome) =>
          expect([{ status: 204, body: undefined, retryAfter: undefined }, ROLLED_BACK]).toContainEqual(outcome),
        );
      }
      expect({ roundsWithDanglingEdges: dangling }).toEqual({ roundsWithDanglingEdges: [] });
    },
  );
});
