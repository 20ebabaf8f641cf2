import { join } from 'node:path';

/**
 * The vendors' conformance suites are data kept outside the project (`../shared/peer-suites` beside
 * the checkout, as on every machine of this workplace and in CI); PEER_SUITES_DIR points elsewhere.
 */
export const PEER_SUITES = process.env.PEER_SUITES_DIR ?? join(__dirname, '..', '..', '..', 'shared', 'peer-suites');
