import { createServer, CreatedServer, groupBody, scim, uniqueName } from '../support/factories';
import { groupsInCycles, Outcome, outcomeOf, refused, ROLLED_BACK } from '../support/membership-integrity';
import { ENGINE, TestApp } from '../support/test-app';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const BULK_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
/** Enough rounds to see the race every time without the nesting lock (it made a cycle in most rounds). */
const ROUNDS = ENGINE === 'postgres' ? 20 : 2;

interface Group {
  id: string;
  displayName: string;
  version: string;
}

/** One way of adding group `member` to group `group`, answered as an Outcome (a Bulk operation's for Bulk). */
type Write = (app: TestApp, server: CreatedServer, group: Group, member: Group) => Promise<Outcome>;

const addMember = (member: Group) => ({
  schemas: [PATCH_OP],
  Operations: [{ op: 'add', path: 'members', value: [{ value: member.id }] }],
});

const WRITES: Record<string, Write> = {
  'PATCH add': async (app, server, group, member) =>
    outcomeOf(await scim(app, server, 'PATCH', `${server.base}/Groups/${group.id}`, addMember(member))),
  'PATCH add with If-Match': async (app, server, group, member) =>
    outcomeOf(
      await scim(app, server, 'PATCH', `${server.base}/Groups/${group.id}`, addMember(member), {
        'if-match': group.version,
      }),
    ),
  'PUT with members': async (app, server, group, member) =>
    outcomeOf(
      await scim(
        app,
        server,
        'PUT',
        `${server.base}/Groups/${group.id}`,
        groupBody(group.displayName, { members: [{ value: member.id }] }),
      ),
    ),
  'Bulk PATCH': async (app, server, group, member) => {
    const res = await scim(app, server, 'POST', `${server.base}/Bulk`, {
      schemas: [BULK_REQUEST],
      Operations: [{ method: 'PATCH', path: `/Groups/${group.id}`, data: addMember(member) }],
    });
    if (res.status !== 200) return outcomeOf(res);
    const [operation] = res.body.Operations;
    return {
      status: Number(operation.status),
      body: operation.response ?? { location: operation.location },
      retryAfter: undefined,
    };
  },
};

/** What a write adding `member` to `group` may answer while other writes nest the same groups. */
function allowed(path: string, server: CreatedServer, group: Group, member: Group): Outcome[] {
  const success: Outcome =
    path === 'Bulk PATCH'
      ? { status: 200, body: { location: `${server.scimUrl}/Groups/${group.id}` }, retryAfter: undefined }
      : {
          status: 200,
          body: expect.objectContaining({ id: group.id, displayName: group.displayName }),
          retryAfter: undefined,
        };
  const cycle = refused(
    400,
    `Adding group ${member.id} as a member would make a cycle: it already contains group ${group.id}`,
    'invalidValue',
  );
  // A Bulk operation's answer is in the Bulk response, which carries no Retry-After of its own.
  const rolledBack = path === 'Bulk PATCH' ? { ...ROLLED_BACK, retryAfter: undefined } : ROLLED_BACK;
  return [success, cycle, rolledBack];
}

/**
 * Writers nesting groups in a ring at the same moment (A gains B while B gains A; A gains B, B gains C,
 * C gains A) must never make a cycle: the cycle check reads only what committed before it, so without
 * a lock that every nesting write takes, each writer sees no cycle and all commit. Needs concurrent
 * connections: on the embedded database (one connection) the writes are serial and this runs trivially.
 */
describe(`nested groups written concurrently (${ENGINE})`, () => {
  let app: TestApp;
  let server: CreatedServer;

  beforeAll(async () => {
    app = await TestApp.start({ DB_POOL_SIZE: '8' });
    server = await createServer(app, { access: { rateLimit: { requestsPerSecond: 10_000, burst: 100_000 } } });
  });
  afterAll(() => app.close());

  const createGroup = async (): Promise<Group> => {
    const res = await scim(app, server, 'POST', `${server.base}/Groups`, groupBody(uniqueName('ring')));
    return { id: res.body.id, displayName: res.body.displayName, version: res.headers.etag as string };
  };

  const paths = [...Object.keys(WRITES), 'mixed'];
  describe.each([2, 3])('a ring of %i groups', (size) => {
    it.each(paths)(
      '%s: never a cycle, in any order, and each write is done, refused as a cycle or rolled back',
      async (path) => {
        const cycled: number[] = [];
        for (let round = 0; round < ROUNDS; round++) {
          const ring = await Promise.all(Array.from({ length: size }, createGroup));
          const ids = ring.map((g) => g.id);
          // Each round starts the writes at another group of the ring, so every order is raced.
          const order = Array.from({ length: size }, (_, i) => (i + round) % size);
          const pathOf = (i: number) =>
            path === 'mixed' ? Object.keys(WRITES)[(i + round) % Object.keys(WRITES).length] : path;
          const writes = order.map((i) => ({ i, path: pathOf(i), group: ring[i], member: ring[(i + 1) % size] }));
          const outcomes = await Promise.all(writes.map((w) => WRITES[w.path](app, server, w.group, w.member)));

          if ((await groupsInCycles(app.dataSource, server.id)).some((id) => ids.includes(id))) cycled.push(round);
          else {
            writes.forEach((w, k) => expect(allowed(w.path, server, w.group, w.member)).toContainEqual(outcomes[k]));
            // Every write that was not refused or rolled back nested its member: the ring lacks only those.
            const done = outcomes.filter((o) => o.status === 200).length;
            const edges: { n: number }[] = await app.dataSource.query(
              `SELECT count(*)::int AS n FROM scim_group_members WHERE server_id = $1 AND group_id = ANY($2::uuid[])`,
              [server.id, ids],
            );
            expect([edges[0].n, done < size]).toEqual([done, true]);
          }
        }
        expect({ roundsWithACycle: cycled }).toEqual({ roundsWithACycle: [] });
        expect(await groupsInCycles(app.dataSource, server.id)).toEqual([]);
      },
    );
  });
});
