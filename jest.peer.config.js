/**
 * The vendors' conformance suites (test/peer/*.peer-spec.ts), run against the built server by
 * `npm run test:peer`: Microsoft's SCIM reference Postman collection (newman) and Okta's SCIM 2.0
 * SPEC test (our Runscope runner). Each prints its own assertion counts.
 */
const base = require('./jest.config.js');

module.exports = { ...base, testRegex: 'test/peer/.*\\.peer-spec\\.ts$', testTimeout: 300000, maxWorkers: 1 };
