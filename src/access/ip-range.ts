import ipaddr from 'ipaddr.js';

export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;
export type IpRange = [IpAddress, number];

/**
 * Parses a client address: IPv4 in dotted decimal or IPv6 (a zone id plays no part in matching). An
 * IPv4-mapped IPv6 address (`::ffff:10.0.0.1`, what a dual-stack socket reports for an IPv4 client)
 * becomes the IPv4 address, so that IPv4 ranges match it. Null when it is not an address.
 */
export function parseAddress(text: string): IpAddress | null {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  if (!ipaddr.IPv6.isValid(text)) return null;
  const address = ipaddr.IPv6.parse(text);
  return address.isIPv4MappedAddress() ? address.toIPv4Address() : address;
}

/**
 * Parses an allowlist entry: an address (a range of one) or a CIDR (`10.0.0.0/8`, `2001:db8::/32`).
 * Strict: IPv4 only in four-part decimal (no `127.1`, `0x7f.0.0.1`), no zone ids, a decimal prefix
 * within the family's width. Host bits after the prefix are ignored (`10.1.2.3/8` is `10.0.0.0/8`).
 * An IPv4-mapped IPv6 range (`::ffff:10.0.0.0/104`) becomes the IPv4 range. Null when invalid.
 */
export function parseRange(text: string): IpRange | null {
  const slash = text.indexOf('/');
  const addressText = slash < 0 ? text : text.slice(0, slash);
  if (addressText.includes('%')) return null;
  const address = ipaddr.IPv4.isValidFourPartDecimal(addressText)
    ? ipaddr.IPv4.parse(addressText)
    : ipaddr.IPv6.isValid(addressText)
      ? ipaddr.IPv6.parse(addressText)
      : null;
  if (!address) return null;
  const width = address.kind() === 'ipv4' ? 32 : 128;
  let bits = width;
  if (slash >= 0) {
    const prefix = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > width) return null;
    bits = Number(prefix);
  }
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96) {
    return [(address as ipaddr.IPv6).toIPv4Address(), bits - 96];
  }
  return [address, bits];
}

export function isIpRange(text: unknown): boolean {
  return typeof text === 'string' && parseRange(text) !== null;
}
