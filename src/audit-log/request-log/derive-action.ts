import { isJsonObject } from '../../scim/json';
/** What the action of a logged request is derived from: the request, and what was answered. */
export interface ActionInput {
  method: string;
  /** The SCIM endpoint (`Users`, `Groups`, `Bulk`, `Schemas`…), when the path names one. */
  endpoint?: string;
  resourceId?: string;
  /** The decoded query parameters (a list's `filter`). */
  query?: URLSearchParams;
  status: number;
  /** The parsed request body. */
  request?: unknown;
  /** The parsed JSON response body (absent for 204 and streamed responses). */
  response?: unknown;
  /** userName or displayName of a resource by id, when the bodies do not say (a 204, a member id). */
  names?: ReadonlyMap<string, string>;
}

const KINDS: Record<string, string> = { users: 'user', groups: 'group' };
const SINGULAR_LIMIT = 1;

/**
 * A short sentence a person can read: "create user jdoe@contoso.com", "deactivate user …", "add 2
 * members to group Sales", "rejected: userName already exists". Derived from the method, the
 * endpoint, the PatchOp shapes Entra and Okta send (case-insensitive names, path-less value objects,
 * `members[value eq "…"]` filters, string booleans) and the answer.
 */
export function deriveAction(input: ActionInput): string {
  if (input.status >= 400) return `rejected: ${rejection(input)}`;
  const endpoint = input.endpoint?.toLowerCase() ?? '';
  const kind = KINDS[endpoint];
  const method = input.method.toUpperCase();
  if (endpoint === 'bulk') return bulk(input.request);
  if (!kind) {
    if (endpoint === '.search') return 'search all resources';
    return `${method === 'GET' ? 'read' : method.toLowerCase()} ${input.endpoint ?? 'unknown endpoint'}`;
  }
  const label = labelOf(kind, input);
  switch (method) {
    case 'POST':
      if (input.resourceId === '.search') return `search ${kind}s${filterOf(input.request)}`;
      return `create ${kind} ${label}${kind === 'group' ? membersSuffix(member(input.request, 'members')) : ''}`;
    case 'GET':
      if (input.resourceId === undefined)
        return `${input.query?.get('filter') ? 'search' : 'list'} ${kind}s${queryFilter(input.query)}`;
      return `read ${kind} ${label}`;
    case 'PUT':
      return kind === 'group'
        ? `replace group ${label}${membersSuffix(member(input.request, 'members'))}`
        : `replace user ${label}${activeSuffix(input.request)}`;
    case 'PATCH':
      return kind === 'group'
        ? patchGroup(label, operations(input.request), input.names)
        : patchUser(label, operations(input.request));
    case 'DELETE':
      return `delete ${kind} ${label}`;
    default:
      return `${method.toLowerCase()} ${kind} ${label}`;
  }
}

function rejection(input: ActionInput): string {
  const detail = text(member(input.response, 'detail'));
  const scimType = text(member(input.response, 'scimType'));
  if (input.status === 409 && scimType === 'uniqueness') {
    const endpoint = input.endpoint?.toLowerCase();
    if (endpoint === 'users') return 'userName already exists';
    if (endpoint === 'groups') return 'displayName already exists';
  }
  if (input.status === 401) return `authentication failed${detail ? `: ${detail}` : ''}`;
  const reason = detail ?? `status ${input.status}`;
  return reason.length > 200 ? `${reason.slice(0, 200)}…` : reason;
}

function labelOf(kind: string, input: ActionInput): string {
  const attribute = kind === 'user' ? 'userName' : 'displayName';
  const name = text(member(input.response, attribute)) ?? text(member(input.request, attribute));
  const id = input.resourceId ?? text(member(input.response, 'id'));
  return name ?? (id !== undefined ? input.names?.get(id) : undefined) ?? id ?? '(unnamed)';
}

interface Operation {
  op: string;
  path?: string;
  value: unknown;
}

function operations(body: unknown): Operation[] {
  const ops = member(body, 'Operations');
  if (!Array.isArray(ops)) return [];
  return ops.map((o) => ({
    op: (text(member(o, 'op')) ?? '').toLowerCase(),
    path: text(member(o, 'path'))?.trim(),
    value: member(o, 'value'),
  }));
}

/** The user's PATCH: activation, password, and the attributes it sets or removes. */
function patchUser(label: string, ops: Operation[]): string {
  const verbs: string[] = [];
  const attributes: string[] = [];
  const note = (attribute: string, value: unknown, op: string) => {
    const name = attribute.replace(/^urn:ietf:params:scim:schemas:extension:enterprise:2\.0:User:/i, '');
    if (name.toLowerCase() === 'active' && op !== 'remove') {
      const active = bool(value);
      if (active !== undefined) return add(verbs, active ? 'activate' : 'deactivate');
    }
    if (name.toLowerCase() === 'password') return add(verbs, 'set password of');
    add(attributes, op === 'remove' ? `remove ${name}` : name);
  };
  for (const op of ops) {
    if (op.path) note(op.path, op.value, op.op);
    else if (isJsonObject(op.value)) for (const [key, value] of Object.entries(op.value)) note(key, value, op.op);
  }
  if (verbs.length === 0) return `update user ${label}${attributes.length ? `: ${attributes.join(', ')}` : ''}`;
  const head = `${verbs.join(' and ')} user ${label}`;
  return attributes.length ? `${head}; update ${attributes.join(', ')}` : head;
}

/** The group's PATCH: members added, removed or replaced; a rename. */
function patchGroup(label: string, ops: Operation[], names: ReadonlyMap<string, string> | undefined): string {
  let added: unknown[] = [];
  let removed: unknown[] = [];
  let replaced: unknown[] | undefined;
  let removedAll = false;
  let renamedTo: string | undefined;
  const others: string[] = [];
  for (const op of ops) {
    const path = op.path?.toLowerCase();
    if (path === 'members') {
      const values = Array.isArray(op.value) ? op.value : op.value === undefined || op.value === null ? [] : [op.value];
      if (op.op === 'add') added = added.concat(values);
      else if (op.op === 'replace') replaced = values;
      else if (values.length > 0) removed = removed.concat(values);
      else removedAll = true;
    } else if (path?.startsWith('members[')) {
      const id = /value\s+eq\s+"([^"]*)"/i.exec(op.path ?? '')?.[1];
      if (op.op === 'remove') removed.push(id ? { value: id } : {});
      else others.push('members');
    } else if (path === 'displayname') {
      renamedTo = text(op.value);
    } else if (path === undefined && isJsonObject(op.value)) {
      for (const [key, value] of Object.entries(op.value)) {
        if (key.toLowerCase() === 'displayname') renamedTo = text(value);
        else if (key.toLowerCase() === 'members' && Array.isArray(value)) {
          if (op.op === 'add') added = added.concat(value);
          else replaced = value;
        } else if (key.toLowerCase() !== 'id') add(others, key);
      }
    } else if (path) {
      add(others, op.path!);
    }
  }
  const parts: string[] = [];
  if (replaced !== undefined) parts.push(`replace members of group ${label} (${count(replaced.length, 'member')})`);
  if (removedAll) parts.push(`remove all members from group ${label}`);
  if (added.length > 0) parts.push(`add ${memberList(added, names)} to group ${label}`);
  if (removed.length > 0) parts.push(`remove ${memberList(removed, names)} from group ${label}`);
  // Okta repeats the group's displayName (with its id) beside every membership change: a rename only
  // when nothing else happened.
  if (renamedTo !== undefined && parts.length === 0) parts.push(`rename group to ${renamedTo}`);
  if (others.length > 0) parts.push(`update group ${label}: ${others.join(', ')}`);
  return parts.length > 0 ? parts.join('; ') : `update group ${label}`;
}

function memberList(values: unknown[], names: ReadonlyMap<string, string> | undefined): string {
  if (values.length > SINGULAR_LIMIT) return count(values.length, 'member');
  const one = values[0];
  const id = text(member(one, 'value')) ?? (typeof one === 'string' ? one : undefined);
  const name = text(member(one, 'display')) ?? (id !== undefined ? names?.get(id) : undefined) ?? id;
  return name ? `member ${name}` : '1 member';
}

function membersSuffix(members: unknown): string {
  return Array.isArray(members) && members.length > 0 ? ` with ${count(members.length, 'member')}` : '';
}

function activeSuffix(body: unknown): string {
  return bool(member(body, 'active')) === false ? ' (inactive)' : '';
}

function bulk(body: unknown): string {
  const ops = member(body, 'Operations');
  return Array.isArray(ops) ? `bulk: ${count(ops.length, 'operation')}` : 'bulk';
}

function filterOf(body: unknown): string {
  const filter = text(member(body, 'filter'));
  return filter ? ` where ${filter}` : '';
}

function queryFilter(query: URLSearchParams | undefined): string {
  const key = query ? [...query.keys()].find((k) => k.toLowerCase() === 'filter') : undefined;
  const filter = key ? query!.get(key) : null;
  return filter ? ` where ${filter}` : '';
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** SCIM booleans as Entra sends them too: true, "True", "false"… */
function bool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  return undefined;
}

function add(list: string[], item: string): void {
  if (!list.includes(item)) list.push(item);
}

/** A member of a JSON object, its name matched case-insensitively (SCIM names are). */
function member(value: unknown, name: string): unknown {
  if (!isJsonObject(value)) return undefined;
  if (name in value) return value[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(value)) if (key.toLowerCase() === lower) return value[key];
  return undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
