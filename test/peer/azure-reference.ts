import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PEER_SUITES } from './peer-suites-dir';

/** Microsoft's SCIM reference Postman collection, run with newman. */
export const AZURE_COLLECTION = join(PEER_SUITES, 'azuread-scimreferencecode', 'PostmanCollection.pr89-16b6694.json');

/** Every folder but "Get Token" (it calls a token route of the reference server only). */
export const AZURE_FOLDERS = [
  'Endpoint tests',
  'User tests',
  'Group tests',
  'ComplexAttribute tests',
  'User tests with garbage',
  'Group tests with garbage',
  'Teardown garbage',
];

/**
 * The per-server settings the collection needs (docs/compatibility.md): its user PATCH requests
 * expect 204, its "garbage" group tests add members that exist nowhere ("string id 1"), and it reads
 * back the `displayName` it sent with a member.
 */
export const AZURE_REFERENCE_SETTINGS = { patchStatus: 204, unknownMembers: 'ignore', memberDisplay: 'as-sent' } as const;

export interface SuiteFailure {
  request: string;
  assertion: string;
  message: string;
}

export interface SuiteResult {
  passed: number;
  failed: number;
  failures: SuiteFailure[];
}

interface NewmanSummary {
  run: {
    stats: { assertions: { total: number; failed: number } };
    failures: { source?: { name?: string }; error: { test?: string; message: string } }[];
  };
}

type NewmanRun = (options: Record<string, unknown>, callback: (error: Error | null, summary: NewmanSummary) => void) => void;

/** Runs the collection against a SCIM base URL (`http://host:port/scim/v2/<server>`) with a bearer token. */
export async function runAzureReference(baseUrl: string, token: string): Promise<SuiteResult> {
  // newman ships no types; the part used here is typed above.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const newman = require('newman') as { run: NewmanRun };
  const url = new URL(baseUrl);
  const summary = await new Promise<NewmanSummary>((resolve, reject) =>
    newman.run(
      {
        collection: JSON.parse(readFileSync(AZURE_COLLECTION, 'utf8')),
        folder: AZURE_FOLDERS,
        envVar: [
          { key: 'Protocol', value: url.protocol.replace(':', '') },
          { key: 'Server', value: url.hostname },
          { key: 'Port', value: url.port ? `:${url.port}` : '' },
          { key: 'Api', value: url.pathname.replace(/^\/|\/$/g, '') },
          { key: 'token', value: token },
        ],
        reporters: [],
        timeoutRequest: 30_000,
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    ),
  );
  const { total, failed } = summary.run.stats.assertions;
  return {
    passed: total - failed,
    failed,
    failures: summary.run.failures.map((f) => ({ request: f.source?.name ?? '?', assertion: f.error.test ?? '', message: f.error.message })),
  };
}
