import { MESSAGE, SCHEMA } from '../scim/constants';
import { StepRequest } from './http-step';

/** A request of the run, the status a correct server answers, and what its body must show. */
export interface PlannedStep extends StepRequest {
  name: string;
  expected: number;
  /** Checks the body of an answer that had the expected status: why it is wrong, or undefined. */
  check?: (body: Record<string, unknown>) => string | undefined;
}

/** What the cycle has created so far (and must remove). */
export interface RunState {
  /** A fresh GUID: names the throw-away user and group, and is the userName Entra's test looks for. */
  runId: string;
  userId?: string;
  groupId?: string;
  /** The PATCH status the server is configured to answer (`scim.patchStatus`). */
  patchStatus: 200 | 204;
}

const q = encodeURIComponent;
const userName = (s: RunState): string => `scimd-self-test-${s.runId}@self-test.invalid`;
/** The ids in paths; a placeholder in the report of a step skipped before the id existed. */
const user = (s: RunState): string => s.userId ?? '{userId}';
const group = (s: RunState): string => s.groupId ?? '{groupId}';

function listOf(body: Record<string, unknown>): string | undefined {
  if (!Array.isArray(body.schemas) || !body.schemas.includes(MESSAGE.listResponse))
    return 'the answer is not a SCIM ListResponse';
  if (!Number.isInteger(body.totalResults)) return 'totalResults is not an integer';
  return undefined;
}

/** Entra's "Test connection", Okta's "Test Connector Configuration", and (for a secured server) an anonymous request. */
export function connectionSteps(state: RunState, secured: boolean): PlannedStep[] {
  const steps: PlannedStep[] = [
    {
      name: 'entra-test-connection',
      method: 'GET',
      path: `/Users?filter=${q(`userName eq "${state.runId}"`)}`,
      expected: 200,
      check: (body) =>
        listOf(body) ??
        (body.totalResults !== 0 || !Array.isArray(body.Resources) || body.Resources.length !== 0
          ? 'expected an empty ListResponse (totalResults 0, Resources [])'
          : undefined),
    },
    {
      name: 'okta-test-connection',
      method: 'GET',
      path: '/Users?startIndex=1&count=2',
      expected: 200,
      check: (body) => listOf(body) ?? (body.startIndex !== 1 ? 'startIndex is not 1' : undefined),
    },
  ];
  if (secured) {
    steps.push({
      name: 'refuses-anonymous',
      method: 'GET',
      path: '/Users?startIndex=1&count=1',
      anonymous: true,
      expected: 401,
      check: (body) =>
        Array.isArray(body.schemas) && body.schemas.includes(MESSAGE.error)
          ? undefined
          : 'the 401 has no SCIM Error body',
    });
  }
  return steps;
}

/** The create → read → deactivate → group → ungroup → delete cycle; each step is built when its turn comes (it needs the ids). */
export const CYCLE: ((s: RunState) => PlannedStep)[] = [
  (s) => ({
    name: 'create-user',
    method: 'POST',
    path: '/Users',
    expected: 201,
    body: {
      schemas: [SCHEMA.user],
      externalId: s.runId,
      userName: userName(s),
      active: true,
      displayName: 'scimd self-test',
      name: { givenName: 'scimd', familyName: 'self-test' },
      emails: [{ primary: true, type: 'work', value: userName(s) }],
    },
    check: (body) =>
      typeof body.id === 'string' && body.userName === userName(s)
        ? undefined
        : 'the created user has no id or another userName',
  }),
  (s) => ({
    name: 'get-user',
    method: 'GET',
    path: `/Users/${user(s)}`,
    expected: 200,
    check: (body) =>
      body.id === s.userId && body.active === true
        ? undefined
        : 'the user read back is not the one created, or not active',
  }),
  (s) => ({
    name: 'deactivate-user',
    method: 'PATCH',
    path: `/Users/${user(s)}`,
    // Entra's soft delete (with the capitalised op Entra sends).
    body: { schemas: [MESSAGE.patchOp], Operations: [{ op: 'Replace', path: 'active', value: false }] },
    expected: s.patchStatus,
    check: (body) =>
      s.patchStatus === 204 || body.active === false ? undefined : 'the answer does not show active false',
  }),
  (s) => ({
    name: 'create-group',
    method: 'POST',
    path: '/Groups',
    expected: 201,
    body: {
      schemas: [SCHEMA.group],
      externalId: s.runId,
      displayName: `scimd-self-test-${s.runId}`,
      members: [{ value: s.userId }],
    },
    check: (body) =>
      typeof body.id === 'string' &&
      Array.isArray(body.members) &&
      body.members.some((m: { value?: unknown }) => m?.value === s.userId)
        ? undefined
        : 'the created group has no id or does not list the user as member',
  }),
  (s) => ({
    name: 'remove-member',
    method: 'PATCH',
    path: `/Groups/${group(s)}`,
    // Entra's member removal: a value list.
    body: { schemas: [MESSAGE.patchOp], Operations: [{ op: 'Remove', path: 'members', value: [{ value: s.userId }] }] },
    expected: s.patchStatus,
    check: (body) =>
      s.patchStatus === 204 ||
      !Array.isArray(body.members) ||
      !body.members.some((m: { value?: unknown }) => m?.value === s.userId)
        ? undefined
        : 'the user is still a member',
  }),
  (s) => ({ name: 'delete-group', method: 'DELETE', path: `/Groups/${group(s)}`, expected: 204 }),
  (s) => ({ name: 'delete-user', method: 'DELETE', path: `/Users/${user(s)}`, expected: 204 }),
];
