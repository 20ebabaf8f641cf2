/**
 * Unit tests sit beside the code (src/**\/*.spec.ts); e2e tests boot the real app (test/**\/*.e2e-spec.ts).
 * Production runs on Node's require(esm); Jest's CommonJS loader cannot, so the few ESM-only packages in
 * the dependency tree (content-disposition, under @fastify/static) are compiled to CommonJS for tests.
 */
const ESM_ONLY = ['content-disposition'];

module.exports = {
  testEnvironment: 'node',
  moduleFileExtensions: ['js', 'json', 'ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    [`node_modules/(${ESM_ONLY.join('|')})/.+\\.js$`]: ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs' } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
  testRegex: '(src/.*\\.spec|test/.*\\.e2e-spec)\\.ts$',
  testTimeout: 60000,
  maxWorkers: 2,
};
