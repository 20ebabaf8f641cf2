import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import OAuth2Server, {
  OAuthError,
  Request as OAuthRequest,
  Response as OAuthResponse,
} from '@node-oauth/oauth2-server';
import { FastifyReply, FastifyRequest } from 'fastify';
import { AdminTokenService } from '../admin/admin-token.service';
import { recordUnder } from '../audit-log/request-log/captured-request';
import { safeEqual, sha256Hex } from '../common/crypto';
import { isUuid } from '../common/uuid';
import { AppConfig, InjectConfig } from '../config/config.module';
import { CredentialsService, oauthEndpoints } from '../servers/credentials.service';
import { IdentityServerEntity } from '../servers/entities/identity-server.entity';
import { ServerDirectory } from '../servers/server-directory';
import { approvalPage, approvalPageHeaders, AUTHORIZE_PARAMS, ERROR_PAGE_HEADERS } from './approval-page';
import { assertionSettingsOf, ClientAssertions, JWT_BEARER_ASSERTION } from './client-assertion';
import { accessTokenTtl, REFRESH_TOKEN_TTL_SECONDS, ServerClient, serverOAuthModel } from './oauth-model';
import { ApiApproval, ApiAuthorizePage, ApiOAuthController, ApiTokenEndpoint } from './oauth-openapi';
import { OAuthStore } from './oauth-store';

type Params = Record<string, unknown>;
type OAuthErrorBody = { error: string; error_description: string };

/**
 * The OAuth 2.0 authorization server of each oauth2 identity server (RFC 6749), on
 * @node-oauth/oauth2-server: `POST /oauth/<server>/token` (client credentials, authorization code
 * with or without PKCE, refresh token with rotation; client secret by Basic or in the body) and
 * `/oauth/<server>/authorize`, where an administrator approves the connecting IdP.
 */
@ApiOAuthController()
@Controller('oauth/:serverId')
export class OAuthController {
  constructor(
    private readonly directory: ServerDirectory,
    private readonly store: OAuthStore,
    private readonly credentials: CredentialsService,
    private readonly adminToken: AdminTokenService,
    private readonly assertions: ClientAssertions,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  private get publicUrl(): string {
    return this.config.publicUrl;
  }

  /**
   * Every request to the token endpoint of an existing server is recorded in that server's request log
   * (a refusal always: Entra's wrong client secret must leave a trace), its secrets redacted.
   */
  @Post('token')
  @HttpCode(200)
  @ApiTokenEndpoint()
  async token(
    @Param('serverId') serverId: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    const server = (isUuid(serverId) ? await this.directory.server(serverId.toLowerCase()) : undefined) ?? undefined;
    if (server) recordUnder(request, server);
    const refusal = tokenEndpointRefusal(server);
    if (refusal !== undefined || !server)
      return this.fail(reply, new OAuthError(refusal ?? 'Unknown client', { code: 401, name: 'invalid_client' }));
    const body = (request.body ?? {}) as Params;
    const asserted = body.client_assertion_type === JWT_BEARER_ASSERTION;
    if (asserted) {
      const problem = await this.checkAssertion(server, body);
      if (problem) return this.fail(reply, new OAuthError(problem, { code: 401, name: 'invalid_client' }));
    }
    // The library lets a PKCE exchange through without client authentication (public clients), and
    // then fails saving a token it cannot tie to a client secret: every client here is confidential.
    if (!asserted && !sendsClientSecret(request, body)) {
      return this.fail(
        reply,
        new OAuthError(
          'Client authentication required: send the client secret (HTTP Basic, or client_secret in the body); a PKCE code_verifier does not replace it',
          { code: 401, name: 'invalid_client' },
        ),
      );
    }
    const response = new OAuthResponse({ headers: {} });
    try {
      const issued = await this.oauth(server, asserted).token(
        this.oauthRequest(request, asserted ? { ...body, client_id: server.id } : body),
        response,
        {
          accessTokenLifetime: accessTokenTtl(server),
          refreshTokenLifetime: REFRESH_TOKEN_TTL_SECONDS,
          alwaysIssueNewRefreshToken: true,
          // A verified client assertion is the client's authentication (RFC 7523 §2.2).
          ...(asserted && { requireClientAuthentication: { client_credentials: false } }),
        },
      );
      recordUnder(request, server, (issued.client as ServerClient).credentialId);
    } catch (error) {
      return this.fail(reply, error);
    }
    reply.status(response.status ?? 200);
    return response.body;
  }

  @Get('authorize')
  @ApiAuthorizePage()
  async authorizePage(
    @Param('serverId') serverId: string,
    @Query() query: Params,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.approval(serverId, stringsOf(query), reply);
  }

  @Post('authorize')
  @ApiApproval()
  async approve(
    @Param('serverId') serverId: string,
    @Body() body: Params | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const form = stringsOf(body ?? {});
    const server = await this.approval(serverId, form, reply, { check: true });
    if (!server) return;
    const refused = await this.mayApprove(server, form.adminToken ?? '', request.ip);
    if (refused) {
      if (refused.retryAfter > 0) reply.header('retry-after', String(refused.retryAfter));
      const error =
        refused.retryAfter > 0
          ? `Too many wrong attempts from this address: wait ${refused.retryAfter} s and try again.`
          : 'The admin token or approval secret is not valid.';
      await this.approval(serverId, form, reply, { error, status: refused.retryAfter > 0 ? 429 : 401 });
      return;
    }
    const params = Object.fromEntries(AUTHORIZE_PARAMS.filter((n) => form[n] !== undefined).map((n) => [n, form[n]]));
    const response = new OAuthResponse({ headers: {} });
    try {
      await this.oauth(server).authorize(this.oauthRequest(request, params, params), response, {
        authenticateHandler: { handle: () => ({ id: `client:${server.id}` }) },
        allowEmptyState: true,
        authorizationCodeLifetime: 300,
      });
    } catch (error) {
      reply.status(400).headers(ERROR_PAGE_HEADERS).send(errorPage(error));
      return;
    }
    reply
      .status(302)
      .header('location', String(response.get('location')))
      .header('cache-control', 'no-store')
      .send();
  }

  /**
   * Checks the request before showing (or acting on) the approval: an oauth2 server, its client id, a
   * registered redirect URI (exact), `response_type=code`. Errors are shown, never redirected to an
   * unregistered URI. Returns the server when the request may proceed (`check` only: no page sent).
   */
  private async approval(
    serverId: string,
    params: Record<string, string>,
    reply: FastifyReply,
    shown: { check?: boolean; error?: string; status?: number } = {},
  ): Promise<IdentityServerEntity | undefined> {
    const { check = false, error, status = 401 } = shown;
    const server = await this.oauthServer(serverId);
    const redirectUris = (server?.securitySettings.redirectUris as string[] | undefined) ?? [];
    const problem = !server
      ? 'There is no OAuth 2.0 identity server at this address.'
      : params.client_id !== server.id
        ? 'client_id is not the client id of this identity server.'
        : params.redirect_uri === undefined || !redirectUris.includes(params.redirect_uri)
          ? 'redirect_uri is not one of the redirect URIs registered for this identity server.'
          : params.response_type !== 'code'
            ? 'response_type must be code.'
            : undefined;
    if (problem || !server) {
      reply.status(400).headers(ERROR_PAGE_HEADERS).send(errorPage(problem));
      return undefined;
    }
    if (check && !error) return server;
    reply
      .status(error ? status : 200)
      .headers(approvalPageHeaders(params.redirect_uri))
      .send(approvalPage({ serverName: server.name, redirectUri: params.redirect_uri, params, error }));
    return undefined;
  }

  /**
   * Undefined when `secret` is the admin token or the server's approval secret (compared by hash, in
   * constant time); otherwise the refusal, throttled per address like the admin API's (a right approval
   * secret does not clear the address's wrong admin tokens).
   */
  private async mayApprove(
    server: IdentityServerEntity,
    secret: string,
    ip: string,
  ): Promise<{ retryAfter: number } | undefined> {
    const hash = server.securitySettings.approvalSecretHash;
    if (typeof hash === 'string' && secret !== '' && safeEqual(sha256Hex(secret), hash)) return undefined;
    const checked = await this.adminToken.check(secret, ip);
    return checked.valid ? undefined : checked;
  }

  private async oauthServer(serverId: string): Promise<IdentityServerEntity | undefined> {
    if (!isUuid(serverId)) return undefined;
    const server = await this.directory.server(serverId.toLowerCase());
    return server?.active && server.securityMethod === 'oauth2' ? server : undefined;
  }

  private oauth(server: IdentityServerEntity, asserted = false): OAuth2Server {
    return new OAuth2Server({ model: serverOAuthModel(server, this.store, this.credentials, asserted) });
  }

  /** Why a client assertion does not authenticate the client, or undefined when it does. */
  private async checkAssertion(server: IdentityServerEntity, body: Params): Promise<string | undefined> {
    const settings = assertionSettingsOf(server.securitySettings);
    if (!settings) return 'This client takes no client assertions: use the client secret';
    if (body.grant_type !== 'client_credentials')
      return 'A client assertion authenticates the client_credentials grant only';
    if (body.client_id !== undefined && body.client_id !== server.id)
      return 'client_id is not the client id of this identity server';
    if (typeof body.client_assertion !== 'string' || body.client_secret !== undefined)
      return 'Send one client_assertion and no client_secret';
    return this.assertions.verify(body.client_assertion, settings, oauthEndpoints(this.publicUrl, server.id).token);
  }

  private oauthRequest(request: FastifyRequest, body: unknown, query: Params = request.query as Params): OAuthRequest {
    return new OAuthRequest({
      method: request.method,
      headers: request.headers as Record<string, string>,
      query: query as Record<string, string>,
      body: body ?? {},
    });
  }

  /**
   * An OAuth error response (RFC 6749 §5.2). Anything else is not the client's fault and propagates,
   * the library's server_error too (as its cause: a 500 with the request id, or 503 for a database
   * outage — never the inner error's message).
   */
  private fail(reply: FastifyReply, error: unknown): OAuthErrorBody {
    if (!(error instanceof OAuthError)) throw error;
    if (error.code >= 500) throw (error as OAuthError & { inner?: unknown }).inner ?? error;
    reply.status(error.code);
    if (error.code === 401) reply.header('www-authenticate', 'Basic realm="scimd oauth"');
    return { error: error.name, error_description: error.message };
  }
}

/**
 * Why the token endpoint of `server` (undefined: no server with the URL's id) gives no token whatever
 * the client sends (RFC 6749 §5.2 invalid_client), or undefined when its client may authenticate.
 */
function tokenEndpointRefusal(server: IdentityServerEntity | undefined): string | undefined {
  if (!server)
    return 'Unknown client: there is no identity server with the id in this token URL (/oauth/<server id>/token)';
  if (!server.active)
    return `Identity server ${server.id} is inactive: its client gets no token until it is active again`;
  if (server.securityMethod !== 'oauth2')
    return `Identity server ${server.id} uses the ${server.securityMethod} security method, not oauth2: it has no OAuth 2.0 client`;
  return undefined;
}

/** Whether the client authenticates with a secret: HTTP Basic (client_secret_basic) or client_secret in the body. */
function sendsClientSecret(request: FastifyRequest, body: Params): boolean {
  const authorization = request.headers.authorization;
  return (
    (typeof authorization === 'string' && /^basic /i.test(authorization)) ||
    (typeof body.client_secret === 'string' && body.client_secret !== '')
  );
}

function stringsOf(values: Params): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

function errorPage(error: unknown): string {
  const message =
    error instanceof OAuthError ? error.message : typeof error === 'string' ? error : 'The request cannot be approved.';
  return approvalErrorPage(message);
}

function approvalErrorPage(message: string): string {
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>scimd: cannot approve</title></head>\n<body><h1>Cannot approve this request</h1><p>${message.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)}</p></body></html>\n`;
}
