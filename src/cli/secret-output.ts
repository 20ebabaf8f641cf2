import { IssuedCredentialView } from '../servers/dto/server.view';
import type { CliIo } from './cli-io';

/** What to paste into the IdP after a credential was issued: its secret, shown only now (not with --json, whose object holds it). */
export function printSecret(
  io: Pick<CliIo, 'write' | 'json'>,
  credential: IssuedCredentialView | null,
  scimUrl: string,
): void {
  if (io.json) return;
  io.write(`\nPaste into the IdP:\n  SCIM URL (Tenant URL):  ${scimUrl}\n`);
  if (credential?.token !== undefined) {
    io.write(
      `  Secret token:           ${credential.token}\n  (credential ${credential.id}, expires ${credential.expiresAt}; shown only now)\n`,
    );
  } else if (credential?.clientSecret !== undefined) {
    io.write(
      `  Client ID:              ${credential.clientId}\n  Client secret:          ${credential.clientSecret}\n` +
        `  Token URL:              ${credential.tokenUrl}\n  Authorization URL:      ${credential.authorizationUrl}\n` +
        `  (credential ${credential.id}; the secret is shown only now)\n`,
    );
  } else if (credential) {
    io.write(
      `  Username:               ${credential.username}\n  Password:               ${credential.password}\n  (credential ${credential.id}; the password is shown only now)\n`,
    );
  } else {
    io.write('  Security method none: no token (anyone who can reach the URL can provision)\n');
  }
}
