import { DataSource, EntityManager } from 'typeorm';
import { addEdges, MembershipsRepository, removeEdges } from './memberships.repository';

const SERVER = '3c8b1f2e-0000-4000-8000-000000000001';
const OTHER = '3c8b1f2e-0000-4000-8000-000000000002';
const GROUP = '3c8b1f2e-0000-4000-8000-0000000000a1';

describe('MembershipsRepository: every method is scoped to a server', () => {
  const repository = new MembershipsRepository({} as DataSource);
  const em = {} as EntityManager;

  it.each([
    ['change', () => repository.change('', removeEdges(SERVER, GROUP), em)],
    ['memberTypes', () => repository.memberTypes('', [GROUP], em)],
    ['groupsOfUsers', () => repository.groupsOfUsers('', [GROUP])],
    ['remove', () => repository.remove('', GROUP, undefined, em)],
    ['lockNesting', () => repository.lockNesting('', em)],
  ])('%s refuses an empty server id before any query', async (_name, call) => {
    await expect(call()).rejects.toThrow('a SCIM repository was called without a server id');
  });

  it('change refuses an edge change of another server', async () => {
    const added = addEdges(OTHER, GROUP, [{ memberId: GROUP, memberType: 'Group' }]);
    await expect(repository.change(SERVER, added, em)).rejects.toThrow(
      `an edge change of another server than ${SERVER}`,
    );
  });

  it('change of nothing changes nothing', async () => {
    expect(await repository.change(SERVER, undefined, em)).toBe(0);
  });
});
