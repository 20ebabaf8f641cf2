import { connectionSteps, CYCLE, RunState } from './self-test-plan';

const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const state = (patchStatus: 200 | 204 = 200): RunState => ({
  runId: '7d1c3a52-9d8e-4b0e-a1f3-5c2e8f9b6a41',
  userId: 'u-1',
  groupId: 'g-1',
  patchStatus,
});

describe('the self-test plan', () => {
  it("Entra's test connection filters on the run's GUID and wants an empty ListResponse", () => {
    const [entra, okta] = connectionSteps(state(), false);
    expect(entra.path).toBe('/Users?filter=userName%20eq%20%227d1c3a52-9d8e-4b0e-a1f3-5c2e8f9b6a41%22');
    expect(entra.check!({ schemas: [LIST], totalResults: 0, Resources: [] })).toBeUndefined();
    expect(entra.check!({ schemas: [LIST], totalResults: 1, Resources: [{}] })).toBe(
      'expected an empty ListResponse (totalResults 0, Resources [])',
    );
    expect(entra.check!({ schemas: ['x'], totalResults: 0 })).toBe('the answer is not a SCIM ListResponse');
    expect(okta.path).toBe('/Users?startIndex=1&count=2');
    expect(okta.check!({ schemas: [LIST], totalResults: '3', startIndex: 1 })).toBe('totalResults is not an integer');
  });

  it('checks anonymous refusal only for a secured server', () => {
    expect(connectionSteps(state(), false).map((s) => s.name)).toEqual([
      'entra-test-connection',
      'okta-test-connection',
    ]);
    const anonymous = connectionSteps(state(), true)[2];
    expect(anonymous).toMatchObject({ name: 'refuses-anonymous', anonymous: true, expected: 401 });
  });

  it('the cycle: Entra-shaped PATCHes expecting the configured status; placeholders before the ids exist', () => {
    const steps = CYCLE.map((build) => build(state(204)));
    expect(steps.map((s) => `${s.name} ${s.method} ${s.path} ${s.expected}`)).toEqual([
      'create-user POST /Users 201',
      'get-user GET /Users/u-1 200',
      'deactivate-user PATCH /Users/u-1 204',
      'create-group POST /Groups 201',
      'remove-member PATCH /Groups/g-1 204',
      'delete-group DELETE /Groups/g-1 204',
      'delete-user DELETE /Users/u-1 204',
    ]);
    expect(steps[2].body).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'Replace', path: 'active', value: false }],
    });
    expect(CYCLE[1]({ runId: 'r', patchStatus: 200 }).path).toBe('/Users/{userId}');
    expect(steps[2].check!({})).toBeUndefined(); // a 204 has no body to check
    expect(CYCLE[2](state(200)).check!({ active: true })).toBe('the answer does not show active false');
  });
});
