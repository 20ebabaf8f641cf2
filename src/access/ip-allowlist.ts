import { IpRange, parseAddress, parseRange } from './ip-range';

/**
 * A compiled allowlist: the ranges split by family, so a client address is compared only with ranges
 * of its own family (after IPv4-mapped IPv6 addresses became IPv4). Empty = everyone is allowed.
 */
export class IpAllowlist {
  private readonly v4: IpRange[] = [];
  private readonly v6: IpRange[] = [];

  /** Entries are validated on the way in (AccessSettingsDto); one that does not parse is skipped. */
  constructor(entries: readonly string[]) {
    for (const entry of entries) {
      const range = parseRange(entry);
      if (range) (range[0].kind() === 'ipv4' ? this.v4 : this.v6).push(range);
    }
  }

  get empty(): boolean {
    return this.v4.length === 0 && this.v6.length === 0;
  }

  allows(clientAddress: string): boolean {
    if (this.empty) return true;
    const address = parseAddress(clientAddress);
    if (!address) return false;
    const ranges = address.kind() === 'ipv4' ? this.v4 : this.v6;
    return ranges.some((range) => address.match(range));
  }
}
