import { SELF_TEST_HEADER, SELF_TEST_USER_AGENT } from './self-test-credential';

/** One request of a run: path relative to the SCIM URL. */
export interface StepRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
  /** Send no credential (the step checks that the server refuses anonymous requests). */
  anonymous?: boolean;
}

export interface StepAnswer {
  /** null when no answer came (timeout, connection refused, TLS failure). */
  status: number | null;
  body: unknown;
  durationMs: number;
  /** Why no answer came. */
  error?: string;
}

export interface StepTransport {
  scimUrl: string;
  /** The run's credential (`X-Scimd-Self-Test`); never put in a report or a log. */
  token: string;
  timeoutMs: number;
}

/** Sends one request over HTTP, as an IdP would, within the step's timeout. */
export async function sendStep(transport: StepTransport, step: StepRequest): Promise<StepAnswer> {
  const headers: Record<string, string> = { accept: 'application/scim+json', 'user-agent': SELF_TEST_USER_AGENT };
  if (!step.anonymous) headers[SELF_TEST_HEADER] = transport.token;
  if (step.body !== undefined) headers['content-type'] = 'application/scim+json';
  const started = performance.now();
  try {
    const res = await fetch(`${transport.scimUrl}${step.path}`, {
      method: step.method,
      headers,
      body: step.body === undefined ? undefined : JSON.stringify(step.body),
      redirect: 'manual',
      signal: AbortSignal.timeout(transport.timeoutMs),
    });
    const text = await res.text();
    return { status: res.status, body: parseJson(text), durationMs: elapsed(started) };
  } catch (error) {
    return {
      status: null,
      body: undefined,
      durationMs: elapsed(started),
      error: describeFailure(error, transport.timeoutMs),
    };
  }
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** "no answer within 10000 ms", "connection failed: ECONNREFUSED" — never a stack. */
function describeFailure(error: unknown, timeoutMs: number): string {
  const named = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (named?.name === 'TimeoutError' || named?.name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  const cause = named?.cause?.code ?? named?.cause?.message ?? named?.message ?? String(error);
  return `connection failed: ${cause}`;
}
