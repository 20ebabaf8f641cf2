import { AppConfig } from '../config/app-config';
import { claimableDataDir, claimDataDir, DataDirClaim, DataDirInUse } from '../control/data-dir-claim';
import { socketPath } from '../control/control-protocol';
import { CliError } from './cli-error';

/** How this CLI process reaches the database: through the running server, or itself (holding DATA_DIR while it runs when embedded). */
export type DatabaseAccess =
  { through: 'server'; socket: string; pid: number } | { through: 'own'; claim: DataDirClaim | undefined };

/**
 * On the embedded database one process holds DATA_DIR: when that is the running server, the command
 * is sent to it (it sees the change at once, and nothing is lost at its next restart); when nobody
 * holds it, this process claims it while the command runs (a server started meanwhile refuses, naming
 * this command). On PostgreSQL every process opens the database itself.
 */
export async function accessDatabase(config: AppConfig, label: string): Promise<DatabaseAccess> {
  const dataDir = claimableDataDir(config);
  if (dataDir === undefined) return { through: 'own', claim: undefined };
  try {
    return { through: 'own', claim: await claimDataDir(dataDir, { role: 'cli', command: label }) };
  } catch (error) {
    if (error instanceof DataDirInUse && error.holder?.role === 'server')
      return { through: 'server', socket: socketPath(dataDir), pid: error.holder.pid };
    if (error instanceof DataDirInUse) throw new CliError(error.message);
    throw error;
  }
}
