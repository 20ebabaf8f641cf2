/**
 * Unit tests sit beside the code (src/**\/*.spec.ts); e2e tests boot the real app (test/**\/*.e2e-spec.ts);
 * service tests drive the real services of the booted app on its database (test/services/*.service-spec.ts).
 * Run through `npm test`, which sets --experimental-vm-modules (PGlite needs it under Jest).
 * Jest 29, not 30: Jest 30 pulls in platform-specific optional binaries that this workplace's
 * registry does not serve, which breaks `npm ci`.
 */
module.exports = {
  testEnvironment: 'node',
  moduleFileExtensions: ['js', 'json', 'ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testRegex: '(src/.*\\.spec|test/.*\\.(e2e|service)-spec)\\.ts$',
  testTimeout: 60000,
  maxWorkers: 2,
};
