import { IpAllowlist } from './ip-allowlist';

describe('IpAllowlist', () => {
  it('allows everyone when empty', () => {
    const list = new IpAllowlist([]);
    expect(list.empty).toBe(true);
    expect(list.allows('203.0.113.7')).toBe(true);
    expect(list.allows('2001:db8::1')).toBe(true);
    expect(list.allows('not an address')).toBe(true);
  });

  describe('IPv4', () => {
    const list = new IpAllowlist(['10.0.0.0/8', '192.0.2.7', '198.51.100.0/25']);

    it.each([
      ['10.0.0.0', true],
      ['10.255.255.255', true],
      ['11.0.0.0', false],
      ['9.255.255.255', false],
      ['192.0.2.7', true],
      ['192.0.2.8', false],
      ['198.51.100.127', true],
      ['198.51.100.128', false],
      ['127.0.0.1', false],
    ])('%s → %s', (address, allowed) => {
      expect(list.allows(address)).toBe(allowed);
    });

    it('ignores host bits after the prefix', () => {
      expect(new IpAllowlist(['10.1.2.3/8']).allows('10.200.0.1')).toBe(true);
    });

    it('0.0.0.0/0 allows every IPv4 address but no IPv6 one', () => {
      const all = new IpAllowlist(['0.0.0.0/0']);
      expect(all.allows('203.0.113.7')).toBe(true);
      expect(all.allows('2001:db8::1')).toBe(false);
    });
  });

  describe('IPv6', () => {
    const list = new IpAllowlist(['2001:db8::/32', '::1', 'fd00:1:2:3::/64']);

    it.each([
      ['2001:db8::1', true],
      ['2001:0db8:ffff:ffff:ffff:ffff:ffff:ffff', true],
      ['2001:db9::1', false],
      ['::1', true],
      ['::2', false],
      ['fd00:1:2:3:abcd::1', true],
      ['fd00:1:2:4::1', false],
      ['fe80::1%eth0', false],
      ['10.0.0.1', false],
    ])('%s → %s', (address, allowed) => {
      expect(list.allows(address)).toBe(allowed);
    });

    it('a zone id in the client address plays no part', () => {
      expect(new IpAllowlist(['fe80::/10']).allows('fe80::1%eth0')).toBe(true);
    });

    it('::/0 allows every IPv6 address but no IPv4 one (nor a mapped one)', () => {
      const all = new IpAllowlist(['::/0']);
      expect(all.allows('2001:db8::1')).toBe(true);
      expect(all.allows('127.0.0.1')).toBe(false);
      expect(all.allows('::ffff:127.0.0.1')).toBe(false);
    });
  });

  describe('IPv4-mapped IPv6', () => {
    it('a mapped client address matches IPv4 ranges', () => {
      const list = new IpAllowlist(['127.0.0.1', '10.0.0.0/8']);
      expect(list.allows('::ffff:127.0.0.1')).toBe(true);
      expect(list.allows('::ffff:10.9.8.7')).toBe(true);
      expect(list.allows('::FFFF:a09:807')).toBe(true);
      expect(list.allows('::ffff:11.0.0.1')).toBe(false);
    });

    it('a mapped range matches IPv4 and mapped client addresses', () => {
      const list = new IpAllowlist(['::ffff:10.0.0.0/104', '::ffff:192.0.2.1']);
      expect(list.allows('10.1.2.3')).toBe(true);
      expect(list.allows('::ffff:10.1.2.3')).toBe(true);
      expect(list.allows('192.0.2.1')).toBe(true);
      expect(list.allows('192.0.2.2')).toBe(false);
      expect(list.allows('11.0.0.1')).toBe(false);
    });
  });

  it('mixes families', () => {
    const list = new IpAllowlist(['192.0.2.0/24', '2001:db8::/32']);
    expect(list.allows('192.0.2.200')).toBe(true);
    expect(list.allows('2001:db8:1::')).toBe(true);
    expect(list.allows('198.51.100.1')).toBe(false);
    expect(list.allows('2001:db9::')).toBe(false);
  });

  it('refuses a client address it cannot parse when the list is not empty', () => {
    const list = new IpAllowlist(['0.0.0.0/0', '::/0']);
    expect(list.allows('')).toBe(false);
    expect(list.allows('unknown')).toBe(false);
  });

  it('skips entries that do not parse (validated before they are stored)', () => {
    const list = new IpAllowlist(['nonsense', '10.0.0.0/8']);
    expect(list.allows('10.0.0.1')).toBe(true);
    expect(list.allows('11.0.0.1')).toBe(false);
    expect(new IpAllowlist(['nonsense']).empty).toBe(true);
  });
});
