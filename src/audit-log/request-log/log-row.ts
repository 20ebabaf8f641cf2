import { randomUUID } from 'node:crypto';
import { RequestLogEntity } from '../entities/request-log.entity';
import { WriteNotes } from '../../scim/resource/resource-response';
import { CapturedRequest } from './captured-request';
import { deriveAction } from './derive-action';
import { mayHoldSecrets, redact, redactedJson, redactFilter, redactUrl } from './redact';
import { storableColumn, storableOrNull, storableText } from './storable-text';
import { isTokenRequest, TOKEN_RESOURCE_TYPE, tokenAction } from './token-request';
import { truncateBody } from './truncate';

export type RequestLogRow = RequestLogEntity;

/** A row as lists read it: without the bodies (up to 64 KiB each), which only an entry's detail shows. */
export type LogEntryRow = Omit<RequestLogRow, 'requestBody' | 'responseBody'>;

export const STREAMED_MARKER = '[streamed response: not recorded]';

/** The stored row of a captured request: bodies redacted and cut, the action derived. */
export function toLogRow(captured: CapturedRequest, names?: ReadonlyMap<string, string>): RequestLogRow {
  const { endpoint, resourceId, query: sentQuery } = routeOf(captured.routeUrl);
  const secrets = captured.secrets;
  const query = sentQuery && redactedQuery(sentQuery, secrets);
  // Only a refusal's action reads the answer (its detail). A success is named from the request body
  // or from the batch's lookup of names by id, so its answer is stored as sent, without being parsed.
  const needsJson = captured.status >= 400;
  const response = parsePayload(captured.payload, needsJson);
  const request = captured.body === undefined || captured.body === null ? undefined : captured.body;
  // The action shows filters and values from the request: the same secrets are redacted in it.
  const shownRequest =
    request !== undefined && mayHoldSecrets(captured.bodyText ?? JSON.stringify(request) ?? '', secrets)
      ? redact(request, secrets)
      : request;
  const action =
    endpoint === TOKEN_RESOURCE_TYPE
      ? tokenAction(captured.status, shownRequest, response.json)
      : deriveAction({
          method: captured.method,
          endpoint,
          resourceId,
          query,
          status: captured.status,
          request: shownRequest,
          response: response.json,
          names,
        }) + notesSuffix(captured.notes);
  const createdId =
    captured.method === 'POST' && captured.status === 201
      ? (idOf(response.json) ?? lastSegment(captured.location))
      : undefined;
  const auth = captured.kind === 'auth';
  // Every text is made storable (a NUL or lone surrogate would fail the whole batch's INSERT).
  return {
    id: captured.id ?? randomUUID(),
    serverId: captured.serverId,
    kind: captured.kind,
    createdAt: new Date(captured.at),
    requestId: storableColumn(captured.requestId, 128),
    method: storableColumn(captured.method, 16),
    path: storableText(redactUrl(captured.url, secrets)),
    status: captured.status,
    durationMs: captured.durationMs,
    clientAddress: storableColumn(captured.clientAddress, 64),
    userAgent: storableOrNull(captured.userAgent),
    credentialId: captured.credentialId,
    resourceType: endpoint === undefined ? null : storableColumn(endpoint, 32),
    resourceId: ((id) => (id === undefined ? null : storableColumn(id, 128)))(
      createdId ?? (resourceId && !resourceId.startsWith('.') ? resourceId : undefined),
    ),
    action: storableText(action),
    requestBody: auth
      ? null
      : storableOrNull(
          captured.bodyText !== undefined
            ? storedText(captured.bodyText, secrets)
            : request === undefined
              ? null
              : truncateBody(redactedJson(request, secrets)),
        ),
    responseBody: auth ? null : storableOrNull(response.stored),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_REFERENCES = 20;

/**
 * Ids of users and groups whose names would make the action readable when the bodies do not give
 * them: the resource of a Users/Groups request and the members a group PATCH names.
 */
export function referencedIds(captured: CapturedRequest): string[] {
  if (captured.kind !== 'request' || captured.status >= 400) return [];
  const { endpoint, resourceId } = routeOf(captured.routeUrl);
  const kind = endpoint?.toLowerCase();
  if (kind !== 'users' && kind !== 'groups') return [];
  const ids = new Set<string>();
  if (resourceId && UUID.test(resourceId)) ids.add(resourceId.toLowerCase());
  if (kind === 'groups' && captured.method === 'PATCH') {
    const ops = (captured.body as { Operations?: unknown } | undefined)?.Operations;
    for (const op of Array.isArray(ops) ? ops : []) {
      const value = (op as { value?: unknown })?.value;
      for (const m of Array.isArray(value) ? value : []) {
        const id = (m as { value?: unknown })?.value;
        if (typeof id === 'string' && UUID.test(id) && ids.size < MAX_REFERENCES) ids.add(id.toLowerCase());
      }
      const path = (op as { path?: unknown })?.path;
      const filtered = typeof path === 'string' ? /value\s+eq\s+"([0-9a-f-]{36})"/i.exec(path)?.[1] : undefined;
      if (filtered && ids.size < MAX_REFERENCES) ids.add(filtered.toLowerCase());
    }
  }
  return [...ids];
}

const LISTED = 10;

/** `; ignored nickName, foo; no role for secodaRole=Owner` — what the write left out, for the action. */
export function notesSuffix(notes: WriteNotes | undefined): string {
  if (!notes) return '';
  const list = (names: readonly string[]) =>
    names.slice(0, LISTED).join(', ') + (names.length > LISTED ? ` and ${names.length - LISTED} more` : '');
  return (
    (notes.ignored.length > 0 ? `; ignored ${list(notes.ignored)}` : '') +
    (notes.unmatchedRoleValues.length > 0 ? `; no role for ${list(notes.unmatchedRoleValues)}` : '')
  );
}

/** A row that records how many entries of a server were lost (queue full, or the database refused a batch). */
export function droppedRow(serverId: string, count: number, at = new Date()): RequestLogRow {
  return {
    id: randomUUID(),
    serverId,
    kind: 'dropped',
    createdAt: at,
    requestId: null,
    method: null,
    path: null,
    status: null,
    durationMs: null,
    clientAddress: null,
    userAgent: null,
    credentialId: null,
    resourceType: null,
    resourceId: null,
    action: `${count} log ${count === 1 ? 'entry' : 'entries'} dropped (log queue full or database unavailable)`,
    requestBody: null,
    responseBody: null,
  };
}

/** `/scim/v2/<server>/<Endpoint>[/<id>][?query]` → its endpoint, resource id and query; `/oauth/<server>/token` → `token`. */
export function routeOf(url: string): { endpoint?: string; resourceId?: string; query?: URLSearchParams } {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  if (isTokenRequest(path))
    return { endpoint: TOKEN_RESOURCE_TYPE, query: q < 0 ? undefined : new URLSearchParams(url.slice(q + 1)) };
  const [, , , , endpoint, resourceId] = path.split('/');
  return {
    endpoint: endpoint || undefined,
    resourceId: resourceId ? safeDecode(resourceId) : undefined,
    query: q < 0 ? undefined : new URLSearchParams(url.slice(q + 1)),
  };
}

/**
 * A body as stored: as sent, unless it may hold a secret — then parsed, redacted and serialised again
 * (text that is not JSON is kept only when it names no secret) — and cut to the size limit.
 */
function storedText(text: string, secrets?: ReadonlySet<string>): string {
  if (!mayHoldSecrets(text, secrets)) return truncateBody(text);
  try {
    return truncateBody(JSON.stringify(redact(JSON.parse(text), secrets)));
  } catch {
    return `[not JSON: ${Buffer.byteLength(text)} bytes not recorded, they may hold a secret]`;
  }
}

/** The response as stored (redacted, cut) and, when the action needs it, parsed. */
function parsePayload(payload: unknown, needsJson: boolean): { json?: unknown; stored: string | null } {
  if (payload === undefined || payload === null || payload === '') return { stored: null };
  if (typeof payload === 'object' && typeof (payload as { pipe?: unknown }).pipe === 'function')
    return { stored: STREAMED_MARKER };
  const text =
    typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : String(payload);
  if (!needsJson) return { stored: storedText(text) };
  try {
    const json: unknown = JSON.parse(text);
    return { json, stored: truncateBody(mayHoldSecrets(text) ? JSON.stringify(redact(json)) : text) };
  } catch {
    return { stored: storedText(text) };
  }
}

/** The query with comparisons on secrets redacted in its filter (the parameter named case-insensitively). */
function redactedQuery(query: URLSearchParams, secrets: ReadonlySet<string> | undefined): URLSearchParams {
  const keys = [...query.keys()].filter((k) => k.toLowerCase() === 'filter');
  if (keys.length === 0) return query;
  const copy = new URLSearchParams(query);
  for (const key of keys) copy.set(key, redactFilter(query.get(key) ?? '', secrets));
  return copy;
}

function idOf(json: unknown): string | undefined {
  const id = typeof json === 'object' && json !== null ? (json as Record<string, unknown>).id : undefined;
  return typeof id === 'string' ? id : undefined;
}

function lastSegment(url: string | undefined): string | undefined {
  const segment = url?.split('/').pop();
  return segment ? segment : undefined;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
