import { Injectable } from '@nestjs/common';
import { createRemoteJWKSet, errors, JWTVerifyGetKey, jwtVerify } from 'jose';
import { LRUCache } from 'lru-cache';

/** RFC 7523 §2.2: the client authenticates with a JWT signed by its own key. */
export const JWT_BEARER_ASSERTION = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** Asymmetric algorithms only: a shared-secret (HS*) assertion would prove nothing beyond the client secret. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
/** An assertion may not live longer than this (its `exp` is required). */
const MAX_LIFETIME_SECONDS = 3600;

/** What an oauth2 server trusts: the issuer and subject of the workload (Entra's federated credential) and its key set. */
export interface ClientAssertionSettings {
  issuer: string;
  subject: string;
  jwksUrl: string;
  /** The expected `aud`; the token endpoint URL when left out. */
  audience?: string;
}

/**
 * Verifies `private_key_jwt` client assertions (RFC 7523, as Entra's workload identity federation
 * sends them) with jose: signature against the configured JWKS URL (keys fetched by `kid`, cached and
 * refreshed by jose), `iss`, `sub`, `aud`, `exp` (required, at most an hour ahead), `nbf`.
 */
@Injectable()
export class ClientAssertions {
  private readonly keySets = new LRUCache<string, JWTVerifyGetKey>({ max: 1000 });

  /** Undefined when the assertion holds; otherwise why not (for the error description). */
  async verify(assertion: string, settings: ClientAssertionSettings, tokenUrl: string): Promise<string | undefined> {
    try {
      const { payload } = await jwtVerify(assertion, this.keySet(settings.jwksUrl), {
        algorithms: ALGORITHMS,
        issuer: settings.issuer,
        subject: settings.subject,
        audience: settings.audience ?? tokenUrl,
        requiredClaims: ['exp'],
      });
      if ((payload.exp ?? 0) - Math.floor(Date.now() / 1000) > MAX_LIFETIME_SECONDS)
        return 'the assertion expires too far in the future';
      return undefined;
    } catch (error) {
      if (error instanceof errors.JOSEError) return `the client assertion is not valid (${error.code})`;
      throw error;
    }
  }

  private keySet(url: string): JWTVerifyGetKey {
    let keys = this.keySets.get(url);
    if (!keys) {
      keys = createRemoteJWKSet(new URL(url), {
        timeoutDuration: 5000,
        cooldownDuration: 30_000,
        cacheMaxAge: 10 * 60_000,
      });
      this.keySets.set(url, keys);
    }
    return keys;
  }
}

export function assertionSettingsOf(settings: Record<string, unknown>): ClientAssertionSettings | undefined {
  const value = settings.clientAssertion as ClientAssertionSettings | undefined;
  return value &&
    typeof value.issuer === 'string' &&
    typeof value.subject === 'string' &&
    typeof value.jwksUrl === 'string'
    ? value
    : undefined;
}
