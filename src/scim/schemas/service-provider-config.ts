import { SCHEMA } from '../constants';
import { trimBaseUrl } from './url';

/** An entry of "authenticationSchemes" (RFC 7643 §5). */
export interface AuthenticationScheme {
  /** "oauth", "oauth2", "oauthbearertoken", "httpbasic" or "httpdigest". */
  type: string;
  name: string;
  description: string;
  specUri?: string;
  documentationUri?: string;
  primary?: boolean;
}

/** The "pagination" object of RFC 9865 §4 (cursor-based pagination). */
export interface PaginationCapabilities {
  cursor: boolean;
  index: boolean;
  defaultPaginationMethod: 'index' | 'cursor';
  defaultPageSize: number;
  maxPageSize: number;
  /** Seconds a cursor stays valid. */
  cursorTimeout?: number;
}

/** What this deployment supports; the ServiceProviderConfig document is derived from it. */
export interface ServiceProviderCapabilities {
  documentationUri?: string;
  patch: boolean;
  bulk: { supported: boolean; maxOperations: number; maxPayloadSize: number };
  filter: { supported: boolean; maxResults: number };
  changePassword: boolean;
  sort: boolean;
  etag: boolean;
  pagination?: PaginationCapabilities;
  authenticationSchemes: AuthenticationScheme[];
}

/** The /ServiceProviderConfig document (RFC 7643 §5, §8.5). */
export interface ServiceProviderConfigDocument {
  schemas: [typeof SCHEMA.serviceProviderConfig];
  documentationUri?: string;
  patch: { supported: boolean };
  bulk: { supported: boolean; maxOperations: number; maxPayloadSize: number };
  filter: { supported: boolean; maxResults: number };
  changePassword: { supported: boolean };
  sort: { supported: boolean };
  etag: { supported: boolean };
  pagination?: PaginationCapabilities;
  authenticationSchemes: AuthenticationScheme[];
  meta: { resourceType: 'ServiceProviderConfig'; location: string };
}

export type AuthenticationMethod = 'none' | 'basic' | 'digest' | 'bearer' | 'oauth2';

export interface AuthenticationSchemeOptions {
  primary?: boolean;
  documentationUri?: string;
}

const SCHEMES: Record<Exclude<AuthenticationMethod, 'none'>, AuthenticationScheme> = {
  basic: {
    type: 'httpbasic',
    name: 'HTTP Basic',
    description: 'Authentication scheme using the HTTP Basic Standard',
    specUri: 'https://www.rfc-editor.org/info/rfc7617',
  },
  digest: {
    type: 'httpdigest',
    name: 'HTTP Digest',
    description: 'Authentication scheme using the HTTP Digest Standard',
    specUri: 'https://www.rfc-editor.org/info/rfc7616',
  },
  bearer: {
    type: 'oauthbearertoken',
    name: 'OAuth Bearer Token',
    description: 'Authentication scheme using the OAuth Bearer Token Standard',
    specUri: 'https://www.rfc-editor.org/info/rfc6750',
  },
  // OAuth 2.0 access tokens reach us as bearer tokens, so clients see the same scheme type.
  oauth2: {
    type: 'oauthbearertoken',
    name: 'OAuth 2.0 Bearer Token',
    description: 'Authentication scheme using OAuth 2.0 access tokens sent with the OAuth Bearer Token Standard',
    specUri: 'https://www.rfc-editor.org/info/rfc6750',
  },
};

/**
 * The "authenticationSchemes" entry for an authentication method, in the style
 * of RFC 7643 §5 / §8.5. Method "none" has no entry.
 */
export function authenticationScheme(method: 'none', options?: AuthenticationSchemeOptions): undefined;
export function authenticationScheme(
  method: Exclude<AuthenticationMethod, 'none'>,
  options?: AuthenticationSchemeOptions,
): AuthenticationScheme;
export function authenticationScheme(
  method: AuthenticationMethod,
  options?: AuthenticationSchemeOptions,
): AuthenticationScheme | undefined;
export function authenticationScheme(
  method: AuthenticationMethod,
  options: AuthenticationSchemeOptions = {},
): AuthenticationScheme | undefined {
  if (method === 'none') return undefined;
  const base = SCHEMES[method];
  if (!base) throw new Error(`unknown authentication method "${String(method)}"`);
  return {
    ...base,
    ...(options.documentationUri !== undefined ? { documentationUri: options.documentationUri } : {}),
    ...(options.primary !== undefined ? { primary: options.primary } : {}),
  };
}

function copyScheme(scheme: AuthenticationScheme): AuthenticationScheme {
  const copy: AuthenticationScheme = { type: scheme.type, name: scheme.name, description: scheme.description };
  if (scheme.specUri !== undefined) copy.specUri = scheme.specUri;
  if (scheme.documentationUri !== undefined) copy.documentationUri = scheme.documentationUri;
  if (scheme.primary !== undefined) copy.primary = scheme.primary;
  return copy;
}

function copyPagination(p: PaginationCapabilities): PaginationCapabilities {
  const copy: PaginationCapabilities = {
    cursor: p.cursor,
    index: p.index,
    defaultPaginationMethod: p.defaultPaginationMethod,
    defaultPageSize: p.defaultPageSize,
    maxPageSize: p.maxPageSize,
  };
  if (p.cursorTimeout !== undefined) copy.cursorTimeout = p.cursorTimeout;
  return copy;
}

/** The JSON the /ServiceProviderConfig endpoint returns. */
export function serviceProviderConfig(
  caps: ServiceProviderCapabilities,
  baseUrl: string,
): ServiceProviderConfigDocument {
  return {
    schemas: [SCHEMA.serviceProviderConfig],
    ...(caps.documentationUri !== undefined ? { documentationUri: caps.documentationUri } : {}),
    patch: { supported: caps.patch },
    bulk: {
      supported: caps.bulk.supported,
      maxOperations: caps.bulk.maxOperations,
      maxPayloadSize: caps.bulk.maxPayloadSize,
    },
    filter: { supported: caps.filter.supported, maxResults: caps.filter.maxResults },
    changePassword: { supported: caps.changePassword },
    sort: { supported: caps.sort },
    etag: { supported: caps.etag },
    ...(caps.pagination ? { pagination: copyPagination(caps.pagination) } : {}),
    authenticationSchemes: caps.authenticationSchemes.map(copyScheme),
    meta: { resourceType: 'ServiceProviderConfig', location: `${trimBaseUrl(baseUrl)}/ServiceProviderConfig` },
  };
}
