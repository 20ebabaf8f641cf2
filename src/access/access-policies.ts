import { Injectable } from '@nestjs/common';
import { IdentityServerEntity } from '../servers/entities/identity-server.entity';
import { accessSettingsOf, RateLimitSettings } from './access-settings';
import { IpAllowlist } from './ip-allowlist';

/** A server's access settings, ready for the hot path: the allowlist parsed once. */
export interface AccessPolicy {
  allowlist: IpAllowlist;
  rateLimit: RateLimitSettings;
}

/**
 * Compiles each server's access settings once per server object. ServerDirectory hands out the same
 * object until the server changes (then a new one, read anew), so the policy is keyed by that object:
 * a change is picked up with the server, and a dropped server takes its policy with it.
 */
@Injectable()
export class AccessPolicies {
  private readonly compiled = new WeakMap<IdentityServerEntity, AccessPolicy>();

  of(server: IdentityServerEntity): AccessPolicy {
    let policy = this.compiled.get(server);
    if (!policy) {
      const settings = accessSettingsOf(server.accessSettings);
      policy = { allowlist: new IpAllowlist(settings.allowlist), rateLimit: settings.rateLimit };
      this.compiled.set(server, policy);
    }
    return policy;
  }
}
