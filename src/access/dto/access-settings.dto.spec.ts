import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { AccessSettingsDto } from './access-settings.dto';

/** The first message for each property path, as the global ValidationPipe (stopAtFirstError) reports it. */
function messages(body: unknown): string[] {
  const errors = validateSync(plainToInstance(AccessSettingsDto, body), {
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: true,
  });
  const out: string[] = [];
  const walk = (list: typeof errors, prefix: string) => {
    for (const e of list) {
      if (e.constraints) out.push(...Object.values(e.constraints).map((m) => (prefix ? `${prefix}.${m}` : m)));
      if (e.children?.length) walk(e.children, prefix ? `${prefix}.${e.property}` : e.property);
    }
  };
  walk(errors, '');
  return out;
}

describe('AccessSettingsDto', () => {
  it.each([
    {},
    { allowlist: [] },
    { allowlist: ['10.0.0.0/8', '2001:db8::/32', '192.0.2.7', '::ffff:10.0.0.0/104'] },
    { rateLimit: {} },
    { rateLimit: { requestsPerSecond: 1, burst: 1 } },
    { rateLimit: { requestsPerSecond: 10_000, burst: 100_000 } },
  ])('accepts %j', (body) => {
    expect(messages(body)).toEqual([]);
  });

  it.each([
    [{ allowlist: '10.0.0.0/8' }, 'allowlist must be an array'],
    [
      { allowlist: ['10.0.0.0/8', '10.0.0.0/33'] },
      'allowlist must hold IPv4 or IPv6 addresses or CIDRs (such as 192.0.2.0/24); "10.0.0.0/33" is not one',
    ],
    [
      { allowlist: ['example.com'] },
      'allowlist must hold IPv4 or IPv6 addresses or CIDRs (such as 192.0.2.0/24); "example.com" is not one',
    ],
    [{ allowlist: [42] }, 'allowlist must hold IPv4 or IPv6 addresses or CIDRs (such as 192.0.2.0/24); 42 is not one'],
    [{ allowlist: Array(1001).fill('::1') }, 'allowlist must contain no more than 1000 elements'],
    [{ rateLimit: { requestsPerSecond: 0 } }, 'rateLimit.requestsPerSecond must not be less than 1'],
    [{ rateLimit: { requestsPerSecond: 10_001 } }, 'rateLimit.requestsPerSecond must not be greater than 10000'],
    [{ rateLimit: { requestsPerSecond: 2.5 } }, 'rateLimit.requestsPerSecond must be an integer number'],
    [{ rateLimit: { burst: 0 } }, 'rateLimit.burst must not be less than 1'],
    [{ rateLimit: { burst: '5' } }, 'rateLimit.burst must be an integer number'],
    [{ rateLimit: { perMinute: 5 } }, 'rateLimit.property perMinute should not exist'],
    [{ denylist: [] }, 'property denylist should not exist'],
  ])('refuses %j: %s', (body, message) => {
    expect(messages(body)).toEqual([message]);
  });
});
