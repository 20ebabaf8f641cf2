/** Unit tests sit beside the code (src/**\/*.spec.ts); e2e tests boot the real app (test/**\/*.e2e-spec.ts). */
module.exports = {
  testEnvironment: 'node',
  moduleFileExtensions: ['js', 'json', 'ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: true }] },
  testRegex: '(src/.*\\.spec|test/.*\\.e2e-spec)\\.ts$',
  testTimeout: 60000,
  maxWorkers: 2,
};
