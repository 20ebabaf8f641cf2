import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PEER_SUITES } from './peer-suites-dir';

/** Microsoft's SCIM reference Postman collection, run with newman. */
export const AZURE_COLLECTION = join(PEER_SUITES, 'azuread-scimreferencecode', 'PostmanCollection.pr89-16b6694.json');

/** The one folder left out: it calls a token route of the reference server only. */
export const SKIPPED_FOLDER = 'Get Token';

/**
 * The assertions a run holds: the collection's 108 minus the Get Token request's 1. The two top-level
 * requests after "Teardown garbage" ("Get all users", "Get all groups": "Users cleared", "Groups
 * cleared") are among them — a folder list given to newman would skip them silently.
 */
export const AZURE_ASSERTIONS = 107;

/**
 * The per-server settings the collection needs (docs/compatibility.md): its user PATCH requests
 * expect 204, its "garbage" group tests add members that exist nowhere ("string id 1"), and it reads
 * back the `displayName` it sent with a member.
 */
export const AZURE_REFERENCE_SETTINGS = {
  patchStatus: 204,
  unknownMembers: 'ignore',
  memberDisplay: 'as-sent',
} as const;

export interface SuiteFailure {
  request: string;
  assertion: string;
  message: string;
}

export interface SuiteResult {
  passed: number;
  failed: number;
  /** Assertions the collection marks `pm.test.skip`: neither passed nor failed. */
  skipped: number;
  failures: SuiteFailure[];
}

export interface PostmanCollection {
  item: { name: string }[];
}

export interface NewmanSummary {
  run: {
    stats: { assertions: { total: number; failed: number } };
    executions: { assertions?: { skipped?: boolean }[] }[];
    failures: { at: string; source?: { name?: string }; error: { name?: string; test?: string; message: string } }[];
  };
}

type NewmanRun = (
  options: Record<string, unknown>,
  callback: (error: Error | null, summary: NewmanSummary) => void,
) => void;

/**
 * The counts of a newman run. Newman's assertion counts leave out what fails outside an assertion —
 * a script that throws (`JSON.parse` of a body that is not JSON, before any `pm.test`), a request
 * that gets no answer — though the run then tests less than it should: each of those is one failure
 * more. Skipped assertions count in newman's total; here they are neither passed nor failed.
 */
export function countNewman(summary: NewmanSummary): SuiteResult {
  const { total, failed } = summary.run.stats.assertions;
  const skipped = summary.run.executions.reduce((n, e) => n + (e.assertions ?? []).filter((a) => a.skipped).length, 0);
  const failures = summary.run.failures.map((f) => ({
    request: f.source?.name ?? '?',
    assertion: f.at.startsWith('assertion')
      ? (f.error.test ?? '')
      : `${f.at} (${f.error.name ?? 'error'}, outside any assertion)`,
    message: f.error.message,
  }));
  const outside = summary.run.failures.filter((f) => !f.at.startsWith('assertion')).length;
  return { passed: total - failed - skipped, failed: failed + outside, skipped, failures };
}

/** Runs a Postman collection with newman, its reporters off, and counts it (countNewman). */
export async function runNewman(
  collection: PostmanCollection,
  envVar: { key: string; value: string }[],
): Promise<SuiteResult> {
  // newman ships no types; the part used here is typed above.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const newman = require('newman') as { run: NewmanRun };
  const summary = await new Promise<NewmanSummary>((resolve, reject) =>
    newman.run({ collection, envVar, reporters: [], timeoutRequest: 30_000 }, (error, result) =>
      error ? reject(error) : resolve(result),
    ),
  );
  return countNewman(summary);
}

/**
 * Runs the whole collection but its Get Token folder, in the collection's order, against a SCIM base
 * URL (`http://host:port/scim/v2/<server>`) with a bearer token.
 */
export async function runAzureReference(baseUrl: string, token: string): Promise<SuiteResult> {
  const collection = JSON.parse(readFileSync(AZURE_COLLECTION, 'utf8')) as PostmanCollection;
  if (!collection.item.some((i) => i.name === SKIPPED_FOLDER))
    throw new Error(`the collection has no "${SKIPPED_FOLDER}" folder to leave out: ${AZURE_COLLECTION}`);
  const url = new URL(baseUrl);
  return runNewman({ ...collection, item: collection.item.filter((i) => i.name !== SKIPPED_FOLDER) }, [
    { key: 'Protocol', value: url.protocol.replace(':', '') },
    { key: 'Server', value: url.hostname },
    { key: 'Port', value: url.port ? `:${url.port}` : '' },
    { key: 'Api', value: url.pathname.replace(/^\/|\/$/g, '') },
    { key: 'token', value: token },
  ]);
}
