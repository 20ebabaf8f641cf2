import { FastifyReply, FastifyRequest } from 'fastify';
import { IncomingMessage } from 'node:http';
import { requestState } from '../../common/http/request-state';
import { WriteNotes } from '../../scim/resource/resource-response';
import { IdentityServerEntity } from '../../servers/entities/identity-server.entity';
import { SecurityMethod } from '../../servers/security-method';
import { neverReturnedOf } from './never-returned';
import { isRefusedTokenRequest, isTokenRequest, TOKEN_SECRETS } from './token-request';

/** What the request log needs of the server a request is recorded under (a SCIM tenant is one). */
export interface RecordedServer {
  readonly id: string;
  readonly logRequests: boolean;
  readonly securityMethod: SecurityMethod;
  /** The server's attributes declared `returned: never` (lower case): redacted like passwords. */
  readonly neverReturned: ReadonlySet<string>;
}

/** What the request log reads of a request, set by whoever knows it. */
declare module '../../common/http/request-state' {
  interface RequestState {
    /** The server the request is recorded under (set by the SCIM guards, or the token endpoint). */
    recorded?: RecordedServer;
    /** The credential that authenticated a token request (SCIM requests have their principal). */
    recordedCredentialId?: string;
    /** The body as the client sent it (the JSON parser keeps a reference). */
    rawBody?: string;
    /** The response payload as sent (kept by the `onSend` hook of a recorded request). */
    payload?: unknown;
    /** What a SCIM write ignored or could not map to a role (the handler's result says). */
    notes?: WriteNotes;
  }
}

/** Refusals by the SCIM guards, kept for every server whether it logs requests or not. */
export const AUTH_FAILURE_STATUSES: ReadonlySet<number> = new Set([401, 403, 429]);

/** A refused authentication: by the SCIM guards, or a refused token request. Kept always, without bodies. */
function isRefusal(request: FastifyRequest, status: number): boolean {
  return AUTH_FAILURE_STATUSES.has(status) || isRefusedTokenRequest(request.url, status);
}

/**
 * Records the request under `server` once it is answered, with the credential that authenticated it
 * (the SCIM routes' guards do it for SCIM requests; the OAuth token endpoint for its own).
 */
export function recordUnder(request: FastifyRequest, server: IdentityServerEntity, credentialId?: string): void {
  const state = requestState(request.raw);
  const { id, logRequests, securityMethod } = server;
  state.recorded = { id, logRequests, securityMethod, neverReturned: neverReturnedOf(server) };
  if (credentialId) state.recordedCredentialId = credentialId;
}

/** The names redacted, beside those named like secrets, in what is logged of a request to `url`: a token request's grant secrets, else the server's `returned: never` attributes. */
export function recordedSecretsOf(url: string, server: RecordedServer | undefined): ReadonlySet<string> {
  return isTokenRequest(url) ? TOKEN_SECRETS : (server?.neverReturned ?? NO_SECRETS);
}

const NO_SECRETS: ReadonlySet<string> = new Set();

/**
 * A finished SCIM request as the hooks capture it: references and numbers only. Redaction,
 * serialisation and the derived action happen when the batch is written, off the request path.
 */
export interface CapturedRequest {
  /** The entry's id, given when it is queued (kept across retries). */
  id?: string;
  serverId: string;
  kind: 'request' | 'auth';
  /** Arrival time, epoch milliseconds. */
  at: number;
  requestId: string;
  method: string;
  /** Path and query as the client sent them. */
  url: string;
  /** The routed URL (`/scim/v2/<server or _default>/<Endpoint>/<id>?…`). */
  routeUrl: string;
  status: number;
  durationMs: number;
  clientAddress: string;
  userAgent: string | null;
  credentialId: string | null;
  /** The parsed request body (not for `auth` entries): what the action is derived from. */
  body?: unknown;
  /** The request body as the client sent it (not for `auth` entries): what is stored. */
  bodyText?: string;
  /** The response payload as sent: a string, a Buffer, a stream (not read) or nothing. */
  payload?: unknown;
  /** The Location header of a created resource (its id, when the body is a stream). */
  location?: string;
  /** What the write ignored or could not map to a role. */
  notes?: WriteNotes;
  /** The server's attributes declared `returned: never` (lower case), or a token request's TOKEN_SECRETS: redacted like passwords. */
  secrets?: ReadonlySet<string>;
}

/** Called by the JSON body parser: keeps the text as sent, for the request log (a reference, no copy). */
export function rememberRawBody(request: { raw: object }, text: string): void {
  requestState(request.raw).rawBody = text;
}

/** Fixed cost of an entry in the queue's byte budget, beyond its bodies. */
const ENTRY_OVERHEAD = 512;

/** True when the request must be recorded: its server logs requests, or it is a refused authentication (or token request). */
export function mustRecord(request: FastifyRequest, status: number): RecordedServer | undefined {
  const server = requestState(request.raw).recorded;
  return server !== undefined && (server.logRequests || isRefusal(request, status)) ? server : undefined;
}

export function captureRequest(
  request: FastifyRequest,
  reply: FastifyReply,
  server: RecordedServer,
): { entry: CapturedRequest; bytes: number } {
  const state = requestState(request.raw);
  const payload = state.payload;
  const auth = isRefusal(request, reply.statusCode);
  const duration = reply.elapsedTime;
  const ua = request.headers['user-agent'];
  const entry: CapturedRequest = {
    serverId: server.id,
    kind: auth ? 'auth' : 'request',
    at: Date.now() - duration,
    requestId: request.id,
    method: request.method,
    url: (request.raw as IncomingMessage & { clientUrl?: string }).clientUrl ?? request.url,
    routeUrl: request.url,
    status: reply.statusCode,
    durationMs: Math.round(duration),
    clientAddress: request.ip,
    userAgent: typeof ua === 'string' && ua !== '' ? ua : null,
    credentialId:
      (request as { user?: { credentialId: string | null } }).user?.credentialId ?? state.recordedCredentialId ?? null,
    payload,
  };
  if (!auth) {
    entry.body = request.body;
    const text = state.rawBody;
    if (text !== undefined && text !== '') entry.bodyText = text;
  }
  if (reply.statusCode === 201) entry.location = String(reply.getHeader('location') ?? '');
  if (state.notes) entry.notes = state.notes;
  const secrets = recordedSecretsOf(request.url, server);
  if (secrets.size > 0) entry.secrets = secrets;
  const length = Number(request.headers['content-length']);
  const sent = typeof payload === 'string' || Buffer.isBuffer(payload) ? payload.length : 0;
  return { entry, bytes: ENTRY_OVERHEAD + (auth ? 0 : (Number.isFinite(length) ? length : 0) + sent) };
}
