/**
 * The fault tests (test/fault/*.fault-spec.ts): they stop and restart the machine's PostgreSQL under
 * load on a spawned scimd, so they run alone (one worker, in band) and only against PostgreSQL:
 * `npm run test:fault` with DATABASE_URL set, under the exclusive lock other suites share.
 */
const base = require('./jest.config.js');

module.exports = { ...base, testRegex: 'test/fault/.*\\.fault-spec\\.ts$', testTimeout: 300000, maxWorkers: 1 };
