import { ScimContext } from '../../src/tenancy/scim-context';
import {
  afterNextCalls,
  beforeNextCalls,
  contextOf,
  createServerWith,
  ENGINE,
  refusal,
  TestApp,
  UsersRepository,
  UsersService,
  WHOLE,
  WRITE_ATTEMPTS,
} from '../support/services';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const MISSING = '00000000-0000-4000-8000-00000000dead';

const patchOf = (...Operations: Record<string, unknown>[]) => ({ schemas: [PATCH_OP], Operations });
const replaceTitle = (title: string) => patchOf({ op: 'replace', path: 'title', value: title });
const preconditionFailed = (id: string, version: number) =>
  `Precondition failed: resource ${id} is now at version W/"${version}"; read it again and retry`;

/**
 * UsersService on the real database: the branches of its read-compute-write that only a concurrent
 * write reaches. A concurrent write is a real one (the service itself, through the same pool), run
 * between the service's read and its conditional UPDATE by letting UsersRepository.update run it first.
 */
describe(`UsersService (${ENGINE})`, () => {
  let app: TestApp;
  let service: UsersService;
  let repository: UsersRepository;
  let ctx: ScimContext;
  let n = 0;

  const row = async (id: string) =>
    (
      await app.dataSource.query(
        'SELECT version, display_name AS "displayName", data->>\'title\' AS title FROM scim_users WHERE server_id = $1 AND id = $2',
        [ctx.tenant.id, id],
      )
    )[0] as { version: number; displayName: string | null; title: string | null } | undefined;
  const create = async (extra: Record<string, unknown> = {}) =>
    (await service.create(ctx, { schemas: [USER], userName: `user-${++n}@example.com`, ...extra }, WHOLE)).body
      .id as string;
  /** Another client's PATCH of the display name, committed before the service's own UPDATE runs. */
  const renameConcurrently = (id: string, name: string) => () =>
    service.patch(ctx, id, patchOf({ op: 'replace', path: 'displayName', value: name }), WHOLE);

  beforeAll(async () => {
    app = await TestApp.start();
    service = app.get(UsersService);
    repository = app.get(UsersRepository);
    ctx = await contextOf(app, (await createServerWith(app)).id);
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => app.close());

  describe('a write without If-Match that another write overtakes', () => {
    // Would catch: the retry dropped (the PATCH would answer the stale row or be lost), or a retry that
    // recomputes from the stale read (the concurrent displayName would be overwritten).
    it('is computed again from the new version and keeps both changes', async () => {
      const id = await create();
      const update = beforeNextCalls(repository, 'update', renameConcurrently(id, 'Concurrent'));
      const res = await service.patch(ctx, id, replaceTitle('Engineer'), WHOLE);
      expect([res.version, res.body.displayName, res.body.title]).toEqual([3, 'Concurrent', 'Engineer']);
      expect(await row(id)).toEqual({ version: 3, displayName: 'Concurrent', title: 'Engineer' });
      // Ours at version 1 (lost), the concurrent one at 1 (wrote 2), ours again at 2 (wrote 3).
      expect(update.mock.calls.map(([, , change]) => change.expectedVersion)).toEqual([1, 1, 2]);
    });

    // Would catch: the last attempt not taking the row lock (an endless or bounded-but-failing retry
    // under contention would answer 500 "a write lost its race under a row lock").
    it('loses every optimistic attempt, then wins under the row lock', async () => {
      const id = await create();
      let k = 0;
      beforeNextCalls(repository, 'update', () => renameConcurrently(id, `Concurrent ${++k}`)(), WRITE_ATTEMPTS - 1);
      const lock = jest.spyOn(repository, 'lockById');
      const res = await service.patch(ctx, id, replaceTitle('Engineer'), WHOLE);
      expect(lock).toHaveBeenCalledTimes(1);
      expect([res.version, res.body.displayName, res.body.title]).toEqual([
        2 + WRITE_ATTEMPTS - 1,
        `Concurrent ${WRITE_ATTEMPTS - 1}`,
        'Engineer',
      ]);
      expect(await row(id)).toEqual({
        version: 2 + WRITE_ATTEMPTS - 1,
        displayName: `Concurrent ${WRITE_ATTEMPTS - 1}`,
        title: 'Engineer',
      });
    });

    // Would catch: a PUT retry that re-applies the body to the stale row (the concurrent rename is
    // replaced anyway, as PUT must, but the version must be the one after the concurrent write).
    it('PUT: replaces the row the concurrent write left, at the next version', async () => {
      const id = await create();
      beforeNextCalls(repository, 'update', renameConcurrently(id, 'Concurrent'));
      const res = await service.replace(
        ctx,
        id,
        { schemas: [USER], userName: `put-${n}@example.com`, title: 'Put' },
        WHOLE,
      );
      expect([res.version, res.body.displayName, res.body.title]).toEqual([3, undefined, 'Put']);
      expect(await row(id)).toEqual({ version: 3, displayName: null, title: 'Put' });
    });
  });

  describe('If-Match', () => {
    // Would catch: an UPDATE not conditional on the version read (it would write over version 2), or a
    // conditional write that retries without checking If-Match again.
    it('a write overtaken between its read and its UPDATE is 412 at the version that overtook it, and writes nothing', async () => {
      const id = await create();
      const update = beforeNextCalls(repository, 'update', renameConcurrently(id, 'Concurrent'));
      expect(await refusal(service.patch(ctx, id, replaceTitle('Engineer'), { ifMatch: [1], projection: {} }))).toEqual(
        [412, undefined, preconditionFailed(id, 2)],
      );
      expect(await row(id)).toEqual({ version: 2, displayName: 'Concurrent', title: null });
      expect(update).toHaveBeenCalledTimes(2); // ours once (refused), the concurrent one once
    });

    it('a stale version is 412 before anything is computed; a matching one or * writes', async () => {
      const id = await create();
      await service.patch(ctx, id, replaceTitle('One'), WHOLE);
      const update = jest.spyOn(repository, 'update');
      expect(await refusal(service.patch(ctx, id, replaceTitle('Two'), { ifMatch: [1], projection: {} }))).toEqual([
        412,
        undefined,
        preconditionFailed(id, 2),
      ]);
      expect(update).not.toHaveBeenCalled();
      expect((await service.patch(ctx, id, replaceTitle('Two'), { ifMatch: [1, 2], projection: {} })).version).toBe(3);
      expect((await service.patch(ctx, id, replaceTitle('Three'), { ifMatch: '*', projection: {} })).version).toBe(4);
      expect(await row(id)).toEqual({ version: 4, displayName: null, title: 'Three' });
    });

    // Would catch: DELETE checking the version and deleting in two steps without the version in the
    // DELETE (the user would be deleted although it moved on after the check).
    it('DELETE overtaken after its version check is 412 at the new version, and the user stays', async () => {
      const id = await create();
      // After the read that checks the version: the DELETE must still be conditional on it.
      afterNextCalls(repository, 'findById', renameConcurrently(id, 'Concurrent'));
      expect(await refusal(service.delete(ctx, id, { ifMatch: [1], projection: {} }))).toEqual([
        412,
        undefined,
        preconditionFailed(id, 2),
      ]);
      expect(await row(id)).toEqual({ version: 2, displayName: 'Concurrent', title: null });
    });
  });

  describe('deleted while it is written', () => {
    const deleteConcurrently = (id: string) => () => service.delete(ctx, id, WHOLE);

    // Would catch: the retry treating "no row updated" as a version conflict forever, or answering 412.
    it('without If-Match: 404, and nothing comes back', async () => {
      const id = await create();
      const update = beforeNextCalls(repository, 'update', deleteConcurrently(id));
      expect(await refusal(service.patch(ctx, id, replaceTitle('Engineer'), WHOLE))).toEqual([
        404,
        undefined,
        `User ${id} not found`,
      ]);
      expect(update).toHaveBeenCalledTimes(1);
      expect(await row(id)).toBeUndefined();
    });

    it('with If-Match: 404 too (the version cannot be compared with a resource that is gone)', async () => {
      const id = await create();
      beforeNextCalls(repository, 'update', deleteConcurrently(id));
      expect(
        await refusal(service.replace(ctx, id, { schemas: [USER], userName: 'x' }, { ifMatch: [1], projection: {} })),
      ).toEqual([404, undefined, `User ${id} not found`]);
      expect(await row(id)).toBeUndefined();
    });

    it('DELETE with If-Match, the user deleted after the version check: 404', async () => {
      const id = await create();
      afterNextCalls(repository, 'findById', deleteConcurrently(id));
      expect(await refusal(service.delete(ctx, id, { ifMatch: [1], projection: {} }))).toEqual([
        404,
        undefined,
        `User ${id} not found`,
      ]);
    });
  });

  describe('uniqueness', () => {
    const conflict = [409, 'uniqueness', 'A user with this userName already exists in this identity server'];

    // Would catch: the unique index dropped or no longer case-insensitive, or its violation mapped to 500.
    it('a userName taken in any case is 409 uniqueness on create, PUT and PATCH; the row keeps its value', async () => {
      await create({ userName: 'Taken@Example.com' });
      const other = await create();
      expect(await refusal(service.create(ctx, { schemas: [USER], userName: 'taken@example.COM' }, WHOLE))).toEqual(
        conflict,
      );
      expect(
        await refusal(service.replace(ctx, other, { schemas: [USER], userName: 'TAKEN@example.com' }, WHOLE)),
      ).toEqual(conflict);
      expect(
        await refusal(
          service.patch(ctx, other, patchOf({ op: 'replace', path: 'userName', value: 'taken@EXAMPLE.com' }), WHOLE),
        ),
      ).toEqual(conflict);
      expect((await row(other))?.version).toBe(1);
    });

    it('is per identity server: the same userName in another server is created', async () => {
      await create({ userName: 'shared@example.com' });
      const elsewhere = await contextOf(app, (await createServerWith(app)).id);
      const res = await service.create(elsewhere, { schemas: [USER], userName: 'shared@example.com' }, WHOLE);
      expect([res.version, res.body.userName]).toEqual([1, 'shared@example.com']);
    });
  });

  describe('not found', () => {
    it.each(['get', 'patch', 'replace', 'delete'] as const)('%s of an unknown id is 404', async (method) => {
      const calls = {
        get: () => service.get(ctx, MISSING, WHOLE),
        patch: () => service.patch(ctx, MISSING, replaceTitle('x'), WHOLE),
        replace: () => service.replace(ctx, MISSING, { schemas: [USER], userName: 'x' }, WHOLE),
        delete: () => service.delete(ctx, MISSING, WHOLE),
      };
      expect(await refusal(calls[method]())).toEqual([404, undefined, `User ${MISSING} not found`]);
    });

    // Would catch: a query that drops the tenant (server_id) from its WHERE.
    it("another server's user is not found, and is left as it was", async () => {
      const id = await create();
      const elsewhere = await contextOf(app, (await createServerWith(app)).id);
      expect(await refusal(service.patch(elsewhere, id, replaceTitle('x'), WHOLE))).toEqual([
        404,
        undefined,
        `User ${id} not found`,
      ]);
      expect(await refusal(service.delete(elsewhere, id, WHOLE))).toEqual([404, undefined, `User ${id} not found`]);
      expect(await row(id)).toEqual({ version: 1, displayName: null, title: null });
    });
  });

  // Would catch: a PATCH that changes nothing still writing (a new version for nothing).
  it('a PATCH that changes nothing answers the current version and does not write', async () => {
    const id = await create({ title: 'Same' });
    const update = jest.spyOn(repository, 'update');
    const res = await service.patch(ctx, id, replaceTitle('Same'), WHOLE);
    expect([res.version, res.body.title]).toEqual([1, 'Same']);
    expect(update).not.toHaveBeenCalled();
  });
});
