import { applyDecorators } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiQuery,
  ApiResponse,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { FORM_MEDIA_TYPE } from '../common/http/media-types';

/** HTTP Basic with the client id (the server id) and a client secret: RFC 6749 §2.3.1 client_secret_basic. */
export const OAUTH_CLIENT_SECURITY = 'oauth-client';

/** The RFC 6749 §5.2 error body of the token endpoint. */
const OAUTH_ERROR = {
  type: 'object',
  required: ['error', 'error_description'],
  properties: {
    error: {
      type: 'string',
      enum: [
        'invalid_request',
        'invalid_client',
        'invalid_grant',
        'unauthorized_client',
        'unsupported_grant_type',
        'invalid_scope',
      ],
    },
    error_description: {
      type: 'string',
      example: "Wrong client secret for client 3c8b…: it is none of this identity server's active client secrets …",
    },
  },
};

const string = (description: string) => ({ type: 'string', description });

/** The authorization request (RFC 6749 §4.1.1, RFC 7636 §4.3), on the page's URL and in its form. */
const AUTHORIZE_PARAMETERS = {
  response_type: { type: 'string', enum: ['code'], description: 'Always code' },
  client_id: string('The client id: the identity server id'),
  redirect_uri: string("One of the server's registered redirectUris, exactly"),
  state: string('Returned unchanged with the code'),
  scope: string("Ignored (the token gives access to the server's SCIM endpoint)"),
  code_challenge: string('PKCE: BASE64URL(SHA-256(code_verifier)), RFC 7636 §4.2'),
  code_challenge_method: { type: 'string', enum: ['S256', 'plain'] },
};

export function ApiOAuthController(): ClassDecorator {
  return applyDecorators(
    ApiTags('oauth'),
    ApiParam({
      name: 'serverId',
      description: 'Identity server id (security method oauth2); its client id is the same id',
    }),
  );
}

export function ApiTokenEndpoint(): MethodDecorator {
  return applyDecorators(
    ApiOperation({
      summary: 'OAuth 2.0 token endpoint (RFC 6749 §3.2)',
      description:
        'Grants: client_credentials, authorization_code (with or without PKCE) and refresh_token (rotated on every use). The client authenticates with a client secret — ' +
        'HTTP Basic (client_secret_basic) or client_id and client_secret in the body (client_secret_post) — or, for client_credentials, with a private_key_jwt client assertion ' +
        "(RFC 7523) when the server has clientAssertion settings. Every request is in the server's request log (resourceType token; refusals always), secrets redacted.",
    }),
    ApiSecurity(OAUTH_CLIENT_SECURITY),
    ApiConsumes(FORM_MEDIA_TYPE),
    ApiBody({
      schema: {
        type: 'object',
        required: ['grant_type'],
        properties: {
          grant_type: { type: 'string', enum: ['client_credentials', 'authorization_code', 'refresh_token'] },
          client_id: string('The server id (client_secret_post)'),
          client_secret: string('A client secret of the server (client_secret_post)'),
          code: string('authorization_code: the code the approval redirected with (valid 5 minutes, once)'),
          redirect_uri: string('authorization_code: the redirect_uri of the authorization request'),
          code_verifier: string('authorization_code with PKCE: the verifier whose challenge was approved'),
          refresh_token: string('refresh_token: the last refresh token issued'),
          client_assertion_type: { type: 'string', enum: ['urn:ietf:params:oauth:client-assertion-type:jwt-bearer'] },
          client_assertion: string('A signed JWT of the configured issuer and subject, audience the token URL'),
        },
      },
    }),
    ApiResponse({
      status: 200,
      description: 'Tokens (Cache-Control: no-store)',
      schema: {
        type: 'object',
        required: ['access_token', 'token_type', 'expires_in'],
        properties: {
          access_token: string("Send as Authorization: Bearer at the server's SCIM URL"),
          token_type: { type: 'string', enum: ['Bearer'] },
          expires_in: { type: 'integer', description: 'Seconds (accessTokenTtlSeconds, 1 hour by default)' },
          refresh_token: string('authorization_code and refresh_token grants only; used once'),
        },
      },
    }),
    ApiResponse({
      status: 400,
      description: 'A refused request or grant; invalid_client when the client authenticated in the body',
      schema: OAUTH_ERROR,
    }),
    ApiResponse({
      status: 401,
      description:
        'invalid_client with WWW-Authenticate: Basic (unknown client, wrong secret, inactive server, no oauth2 method)',
      schema: OAUTH_ERROR,
    }),
  );
}

export function ApiAuthorizePage(): MethodDecorator {
  return applyDecorators(
    ApiOperation({
      summary: 'Authorization endpoint (RFC 6749 §4.1.1): the approval page',
      description:
        "An administrator approves the IdP with the admin token or the server's approval secret (POST /admin/servers/:id/approval-secret). Errors are shown, never redirected.",
    }),
    ...Object.entries(AUTHORIZE_PARAMETERS).map(([name, schema]) =>
      ApiQuery({
        name,
        required: ['response_type', 'client_id', 'redirect_uri'].includes(name),
        schema,
        description: (schema as { description?: string }).description,
      }),
    ),
    ApiProduces('text/html'),
    ApiResponse({ status: 200, description: 'The approval page (HTML)' }),
    ApiResponse({
      status: 400,
      description:
        'Not an oauth2 server, another client id, an unregistered redirect URI or another response type (HTML)',
    }),
  );
}

export function ApiApproval(): MethodDecorator {
  return applyDecorators(
    ApiOperation({
      summary: 'The approval form: redirects to redirect_uri with a one-time code (valid 5 minutes) and state',
    }),
    ApiConsumes(FORM_MEDIA_TYPE),
    ApiBody({
      schema: {
        type: 'object',
        required: ['response_type', 'client_id', 'redirect_uri', 'adminToken'],
        properties: { ...AUTHORIZE_PARAMETERS, adminToken: string("The admin token, or the server's approval secret") },
      },
    }),
    ApiProduces('text/html'),
    ApiResponse({ status: 302, description: 'Location: <redirect_uri>?code=…&state=…' }),
    ApiResponse({ status: 400, description: 'The request cannot be approved (HTML)' }),
    ApiResponse({
      status: 401,
      description: 'A wrong admin token or approval secret: the page again, with the error (HTML)',
    }),
    ApiResponse({ status: 429, description: 'Too many wrong tokens from this address (Retry-After)' }),
  );
}
