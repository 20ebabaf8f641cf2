import type {
  AuthorizationCode,
  AuthorizationCodeModel,
  Client,
  ClientCredentialsModel,
  RefreshToken,
  RefreshTokenModel,
  Token,
  User,
} from '@node-oauth/oauth2-server';
import { InvalidClientError } from '@node-oauth/oauth2-server';
import { DEFAULT_ACCESS_TOKEN_TTL_SECONDS } from '../servers/dto/security.dto';
import { IdentityServerEntity } from '../servers/entities/identity-server.entity';
import { OAuthStore } from './oauth-store';

/** Refresh tokens of the authorization-code flow last 90 days; each is used once (rotation). */
export const REFRESH_TOKEN_TTL_SECONDS = 90 * 24 * 3600;
const GRANTS = ['client_credentials', 'authorization_code', 'refresh_token'];

/** The client of an identity server, and the client secret (credential) it authenticated with, if any. */
export interface ServerClient extends Client {
  credentialId?: string;
}

export type ServerOAuthModel = AuthorizationCodeModel & ClientCredentialsModel & RefreshTokenModel;

/** What the model needs besides storage: the client-secret check of the server's credentials. */
export interface ClientSecrets {
  oauthClientSecret(serverId: string, clientSecret: string): Promise<string | undefined>;
}

/**
 * The credential id that tokens obtained with a client assertion carry: the server's own id (the
 * trust lives in the server's settings, not in a credential row). Such tokens last while the
 * server keeps the oauth2 method and its client-assertion settings.
 */
export const assertionCredential = (serverId: string): string => serverId;

export function unknownClient(serverId: string, clientId: string): string {
  const sent = clientId.length > 60 ? `${clientId.slice(0, 60)}…` : clientId;
  return `Unknown client: client_id "${sent}" is not the client id of this identity server, which is its server id ${serverId} (as in the token URL)`;
}

export function wrongSecret(serverId: string): string {
  return `Wrong client secret for client ${serverId}: it is none of this identity server's active client secrets (a revoked or expired one is refused too; issue another with POST /admin/servers/${serverId}/credentials)`;
}

export function accessTokenTtl(server: IdentityServerEntity): number {
  const ttl = server.securitySettings.accessTokenTtlSeconds;
  return typeof ttl === 'number' ? ttl : DEFAULT_ACCESS_TOKEN_TTL_SECONDS;
}

/**
 * The @node-oauth/oauth2-server model of one identity server: its client id is the server id, its
 * client secrets are the server's credentials, its redirect URIs those of its settings. The library
 * runs the grants (client credentials, authorization code with PKCE, refresh token with rotation);
 * this only stores and finds.
 */
export function serverOAuthModel(
  server: IdentityServerEntity,
  store: OAuthStore,
  secrets: ClientSecrets,
  asserted = false,
): ServerOAuthModel {
  const client = (credentialId?: string): ServerClient => ({
    id: server.id,
    grants: GRANTS,
    redirectUris: (server.securitySettings.redirectUris as string[] | undefined) ?? [],
    accessTokenLifetime: accessTokenTtl(server),
    refreshTokenLifetime: REFRESH_TOKEN_TTL_SECONDS,
    ...(credentialId && { credentialId }),
  });
  const user: User = { id: `client:${server.id}` };
  return {
    // Unknown client and wrong secret are told apart (RFC 6749 §5.2 invalid_client either way): the
    // client id is the server id, in the token URL for all to see, so the answer gives nothing away.
    async getClient(clientId: string, clientSecret: string | null) {
      if (clientId !== server.id) throw new InvalidClientError(unknownClient(server.id, clientId));
      // The authorization endpoint asks without a secret; the token endpoint with one, or after the
      // controller verified a client assertion (`asserted`: tokens then belong to the assertion grant).
      if (clientSecret === null || clientSecret === undefined)
        return client(asserted ? assertionCredential(server.id) : undefined);
      const credentialId = await secrets.oauthClientSecret(server.id, clientSecret);
      if (!credentialId) throw new InvalidClientError(wrongSecret(server.id));
      return client(credentialId);
    },
    async getUserFromClient() {
      return user;
    },
    async saveToken(token: Token, tokenClient: ServerClient, tokenUser: User) {
      if (!tokenClient.credentialId || !token.accessTokenExpiresAt) return null;
      const refresh =
        token.refreshToken && token.refreshTokenExpiresAt
          ? { token: token.refreshToken, expiresAt: token.refreshTokenExpiresAt }
          : undefined;
      await store.saveToken(
        server.id,
        tokenClient.credentialId,
        { token: token.accessToken, expiresAt: token.accessTokenExpiresAt },
        refresh,
      );
      return { ...token, client: tokenClient, user: tokenUser };
    },
    async getAccessToken(accessToken: string) {
      const stored = await store.accessToken(server.id, accessToken);
      return stored
        ? { accessToken, accessTokenExpiresAt: stored.accessExpiresAt, client: client(stored.credentialId), user }
        : null;
    },
    async saveAuthorizationCode(
      code: Pick<
        AuthorizationCode,
        'authorizationCode' | 'expiresAt' | 'redirectUri' | 'scope' | 'codeChallenge' | 'codeChallengeMethod'
      >,
      codeClient: Client,
      codeUser: User,
    ) {
      await store.saveCode(code.authorizationCode, {
        serverId: server.id,
        redirectUri: code.redirectUri,
        codeChallenge: code.codeChallenge ?? null,
        codeChallengeMethod: code.codeChallengeMethod ?? null,
        expiresAt: code.expiresAt,
      });
      return { ...code, client: codeClient, user: codeUser };
    },
    async getAuthorizationCode(authorizationCode: string) {
      const stored = await store.code(server.id, authorizationCode);
      if (!stored) return null;
      return {
        authorizationCode,
        expiresAt: stored.expiresAt,
        redirectUri: stored.redirectUri,
        client: client(),
        user,
        ...(stored.codeChallenge !== null && {
          codeChallenge: stored.codeChallenge,
          codeChallengeMethod: stored.codeChallengeMethod ?? 'plain',
        }),
      };
    },
    async revokeAuthorizationCode(code: AuthorizationCode) {
      return store.deleteCode(server.id, code.authorizationCode);
    },
    async getRefreshToken(refreshToken: string) {
      const stored = await store.refreshToken(server.id, refreshToken);
      if (!stored?.refreshExpiresAt) return null;
      return { refreshToken, refreshTokenExpiresAt: stored.refreshExpiresAt, client: client(), user };
    },
    async revokeToken(token: RefreshToken) {
      return store.revokeRefreshToken(server.id, token.refreshToken);
    },
  };
}
