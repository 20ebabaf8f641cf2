import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The vendors' conformance suites are third-party data the project does not carry (README,
 * "Development", says where to get them): PEER_SUITES_DIR names the directory that holds them.
 * Unset, `peer-suites` in the `shared` directory beside the checkout is tried (this workplace's layout).
 */
export const PEER_SUITES = process.env.PEER_SUITES_DIR ?? join(__dirname, '..', '..', '..', 'shared', 'peer-suites');

/** The files of the suites, relative to PEER_SUITES. */
export const PEER_SUITE_FILES = [
  'azuread-scimreferencecode/PostmanCollection.pr89-16b6694.json',
  'okta-runscope/Okta-SCIM-20-SPEC-Test.json',
  'okta-runscope/Initial_Script_Spec.txt',
];

/** Throws, naming what is missing and the variable to set, unless every suite file is there. */
export function assertPeerSuites(): void {
  const missing = PEER_SUITE_FILES.filter((file) => !existsSync(join(PEER_SUITES, file)));
  if (missing.length > 0) {
    throw new Error(
      `The vendor suites are not in ${PEER_SUITES} (missing: ${missing.join(', ')}): set PEER_SUITES_DIR to the directory that holds them (see README, "Development")`,
    );
  }
}
