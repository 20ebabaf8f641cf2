import { ParseArgsConfig } from 'node:util';
import { DEFAULT_RATE_LIMIT } from '../access/access-settings';
import { ServerView } from '../servers/dto/server.view';
import { CliError } from './cli-error';

/**
 * The options of `servers create` and `servers update`, besides those cli.ts knows for every command
 * (--name, --method, --default, --inactive, --log-requests, --token-days, --username). Booleans take
 * a --no- form (--no-strict, --no-default, --no-log-requests).
 */
export const SERVER_OPTIONS = {
  active: { type: 'boolean' },
  password: { type: 'string' },
  'redirect-uri': { type: 'string', multiple: true },
  'access-token-ttl': { type: 'string' },
  'secret-days': { type: 'string' },
  retention: { type: 'string' },
  strict: { type: 'boolean' },
  'patch-status': { type: 'string' },
  'unknown-members': { type: 'string' },
  'member-display': { type: 'string' },
  allow: { type: 'string', multiple: true },
  'allow-all': { type: 'boolean' },
  rate: { type: 'string' },
  burst: { type: 'string' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

export type OptionValues = Record<string, string | boolean | string[] | undefined>;
type Body = Record<string, unknown>;

/** A number when the text is one; else the text, of which the DTO then says what is wrong, as the admin API would. */
function numberOf(value: OptionValues[string]): unknown {
  return typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
}

function definedOnly(body: Body): Body {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
}

function nonEmpty(body: Body): Body | undefined {
  const defined = definedOnly(body);
  return Object.keys(defined).length > 0 ? defined : undefined;
}

function activeOf(values: OptionValues): boolean | undefined {
  if (values.active === true && values.inactive === true)
    throw new CliError('--active and --inactive contradict each other');
  return values.inactive === true ? false : (values.active as boolean | undefined);
}

function allowlistOf(values: OptionValues): string[] | undefined {
  if (values['allow-all'] === true && values.allow !== undefined)
    throw new CliError('--allow and --allow-all contradict each other');
  return values['allow-all'] === true ? [] : (values.allow as string[] | undefined);
}

/** The security settings the options name (without the method). */
function securityOptions(values: OptionValues): Body | undefined {
  return nonEmpty({
    tokenLifetimeDays: numberOf(values['token-days']),
    username: values.username,
    password: values.password,
    redirectUris: values['redirect-uri'],
    accessTokenTtlSeconds: numberOf(values['access-token-ttl']),
    secretLifetimeDays: numberOf(values['secret-days']),
  });
}

function scimOptions(values: OptionValues): Body | undefined {
  return nonEmpty({
    patchStatus: numberOf(values['patch-status']),
    strict: values.strict,
    unknownMembers: values['unknown-members'],
    memberDisplay: values['member-display'],
  });
}

function rateLimitOptions(values: OptionValues): Body | undefined {
  return nonEmpty({ requestsPerSecond: numberOf(values.rate), burst: numberOf(values.burst) });
}

/** The body of POST /admin/servers that the options of `servers create <name>` describe. */
export function creationBody(name: string | undefined, values: OptionValues): Body {
  const access = nonEmpty({ allowlist: allowlistOf(values), rateLimit: rateLimitOptions(values) });
  return definedOnly({
    name,
    isDefault: values.default,
    active: activeOf(values),
    logRequests: values['log-requests'],
    logRetentionDays: numberOf(values.retention),
    scim: scimOptions(values),
    access,
    security: { method: values.method ?? 'bearer', ...securityOptions(values) },
  });
}

/**
 * The body of PATCH /admin/servers/:id that the options of `servers update` describe. They change
 * only what they name: PATCH replaces `access` and `security` as a whole, so the server's other
 * settings of those are carried over (not on a new method, which starts afresh).
 */
export function changesBody(values: OptionValues, server: ServerView): Body {
  return definedOnly({
    name: values.name,
    isDefault: values.default,
    active: activeOf(values),
    logRequests: values['log-requests'],
    logRetentionDays: numberOf(values.retention),
    scim: scimOptions(values),
    access: accessChanges(values, server),
    security: securityChanges(values, server),
  });
}

function accessChanges(values: OptionValues, server: ServerView): Body | undefined {
  const allowlist = allowlistOf(values);
  const rateLimit = rateLimitOptions(values);
  if (allowlist === undefined && rateLimit === undefined) return undefined;
  const current = server.access.rateLimit ?? DEFAULT_RATE_LIMIT;
  const unchanged =
    current.requestsPerSecond === DEFAULT_RATE_LIMIT.requestsPerSecond && current.burst === DEFAULT_RATE_LIMIT.burst;
  return definedOnly({
    allowlist: allowlist ?? server.access.allowlist,
    // The defaults are left to be defaults, not written down.
    rateLimit: rateLimit ? { ...current, ...rateLimit } : unchanged ? undefined : current,
  });
}

function securityChanges(values: OptionValues, server: ServerView): Body | undefined {
  const given = securityOptions(values);
  if (values.method === undefined && given === undefined) return undefined;
  const method = (values.method as string | undefined) ?? server.security.method;
  if (method !== server.security.method) return { method, ...given };
  // The username of basic/digest stays unless given (a new one replaces the credentials).
  const {
    method: _method,
    username: _username,
    approvalSecret: _approval,
    ...kept
  } = server.security as unknown as Body;
  return { method, ...kept, ...given };
}
