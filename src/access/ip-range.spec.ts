import { isIpRange, parseAddress, parseRange } from './ip-range';

const show = (range: ReturnType<typeof parseRange>) => range && `${range[0].toString()}/${range[1]}`;

describe('parseAddress', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['203.0.113.7', '203.0.113.7'],
    ['::1', '::1'],
    ['2001:DB8::1', '2001:db8::1'],
    ['::ffff:192.0.2.1', '192.0.2.1'],
    ['::ffff:c000:0201', '192.0.2.1'],
    ['fe80::1%eth0', 'fe80::1%eth0'],
  ])('parses %s as %s', (text, expected) => {
    expect(parseAddress(text)?.toString()).toBe(expected);
  });

  it.each(['', 'localhost', '127.1', '0x7f.0.0.1', '256.0.0.1', '1.2.3', '1.2.3.4/32', '2001:db8::g', ':::'])(
    'refuses %j',
    (text) => {
      expect(parseAddress(text)).toBeNull();
    },
  );
});

describe('parseRange', () => {
  it.each([
    ['10.0.0.0/8', '10.0.0.0/8'],
    ['192.0.2.7', '192.0.2.7/32'],
    ['192.0.2.7/32', '192.0.2.7/32'],
    ['0.0.0.0/0', '0.0.0.0/0'],
    ['10.1.2.3/8', '10.1.2.3/8'],
    ['2001:db8::/32', '2001:db8::/32'],
    ['::1', '::1/128'],
    ['::/0', '::/0'],
    ['::ffff:10.0.0.0/104', '10.0.0.0/8'],
    ['::ffff:192.0.2.1', '192.0.2.1/32'],
    ['::ffff:0:0/96', '0.0.0.0/0'],
  ])('parses %s as %s', (text, expected) => {
    expect(show(parseRange(text))).toBe(expected);
  });

  it('keeps an IPv6 range shorter than /96 that starts with the mapped prefix as IPv6', () => {
    expect(show(parseRange('::ffff:0:0/80'))).toBe('::ffff:0:0/80');
  });

  it.each([
    '',
    '10.0.0.0/33',
    '2001:db8::/129',
    '10.0.0.0/',
    '10.0.0.0/-1',
    '10.0.0.0/8/8',
    '10.0.0.0/ 8',
    '10.0.0.0/0x8',
    '10.0.0.0/0008',
    ' 10.0.0.0/8',
    '10.0.0/8',
    '127.1',
    '0x7f.0.0.1/8',
    'fe80::1%eth0',
    'fe80::/10%eth0',
    'example.com',
    '/8',
  ])('refuses %j', (text) => {
    expect(parseRange(text)).toBeNull();
    expect(isIpRange(text)).toBe(false);
  });

  it('isIpRange refuses what is not a string', () => {
    expect(isIpRange(10)).toBe(false);
    expect(isIpRange(null)).toBe(false);
    expect(isIpRange(['10.0.0.0/8'])).toBe(false);
  });
});
