/**
 * The browser tests (test/browser/*.browser-spec.ts): pages of the built server driven in a real
 * Chromium through playwright-core (test/browser/support). `npm run test:browser`; one worker, as
 * each test starts a scimd process and a browser.
 */
const base = require('./jest.config.js');

module.exports = { ...base, testRegex: 'test/browser/.*\\.browser-spec\\.ts$', maxWorkers: 1 };
