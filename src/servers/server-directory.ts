import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Database } from '../database/database';
import { CredentialsRepository } from './credentials.repository';
import { CredentialEntity } from './entities/credential.entity';
import { IdentityServerEntity } from './entities/identity-server.entity';
import { ServersRepository } from './servers.repository';

/** The PostgreSQL channel on which instances tell each other that a server's settings changed. */
export const INVALIDATION_CHANNEL = 'scimd_servers';
/** A safety net: entries are re-read at least this often even if a notification was lost. */
const TTL_MS = 30_000;
const MAX_ENTRIES = 10_000;

type ActiveCredential = Pick<CredentialEntity, 'id' | 'method' | 'secretHash'> & { expiresAt: Date | null };

interface Entry<T> {
  value: T;
  at: number;
}

/**
 * What every SCIM request needs before it starts — its identity server and the state of the credential
 * it presents — read from memory instead of two queries per request. Every administrative change
 * clears the server's entries on this instance and, through PostgreSQL NOTIFY sent in the change's own
 * transaction, on every other instance (so a revocation takes effect at once everywhere). Without a
 * working LISTEN connection nothing is cached. The embedded database serves one process: there the
 * local clearing is all that is needed.
 */
@Injectable()
export class ServerDirectory implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('ServerDirectory');
  private readonly servers = new Map<string, Entry<IdentityServerEntity | null>>();
  private readonly credentials = new Map<string, Entry<ActiveCredential | null>>();
  private defaultServer: Entry<IdentityServerEntity | null> | undefined;
  private enabled = false;
  private listener: { client: { query(sql: string): Promise<unknown>; on(event: string, cb: (arg: { payload?: string }) => void): void }; release: () => void } | undefined;
  private closing = false;

  constructor(
    private readonly database: Database,
    private readonly dataSource: DataSource,
    private readonly serversRepo: ServersRepository,
    private readonly credentialsRepo: CredentialsRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.database.engine === 'pglite') {
      this.enabled = true;
      return;
    }
    await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    this.listener?.release();
    this.listener = undefined;
  }

  async server(serverId: string): Promise<IdentityServerEntity | null> {
    const cached = this.fresh(this.servers.get(serverId));
    if (cached) return cached.value;
    const value = await this.serversRepo.findById(serverId);
    this.remember(this.servers, serverId, value);
    return value;
  }

  async defaultOne(): Promise<IdentityServerEntity | null> {
    const cached = this.fresh(this.defaultServer);
    if (cached) return cached.value;
    const value = await this.serversRepo.findDefault();
    if (this.enabled) this.defaultServer = { value, at: Date.now() };
    return value;
  }

  /** An unrevoked credential of the server, or null; expiry is checked on every use. */
  async credential(serverId: string, credentialId: string): Promise<ActiveCredential | null> {
    const key = `${serverId}/${credentialId}`;
    let entry = this.fresh(this.credentials.get(key));
    if (!entry) {
      entry = { value: await this.credentialsRepo.findUnrevoked(serverId, credentialId), at: Date.now() };
      this.remember(this.credentials, key, entry.value);
    }
    const credential = entry.value;
    return credential && (credential.expiresAt === null || credential.expiresAt.getTime() > Date.now()) ? credential : null;
  }

  /**
   * Called inside the transaction of an administrative change: tells every instance (this one too,
   * at commit) to forget the server. `forget` clears this instance at once as well.
   */
  async changed(serverId: string, em: EntityManager): Promise<void> {
    this.forget(serverId);
    if (this.database.engine === 'postgres') await em.query('SELECT pg_notify($1, $2)', [INVALIDATION_CHANNEL, serverId]);
  }

  /** Forgets one server (and the default-server entry, which may be it); `undefined` forgets all. */
  forget(serverId?: string): void {
    this.defaultServer = undefined;
    if (serverId === undefined) {
      this.servers.clear();
      this.credentials.clear();
      return;
    }
    this.servers.delete(serverId);
    for (const key of this.credentials.keys()) if (key.startsWith(`${serverId}/`)) this.credentials.delete(key);
  }

  private fresh<T>(entry: Entry<T> | undefined): Entry<T> | undefined {
    return this.enabled && entry && Date.now() - entry.at < TTL_MS ? entry : undefined;
  }

  private remember<T>(map: Map<string, Entry<T>>, key: string, value: T): void {
    if (!this.enabled) return;
    if (map.size >= MAX_ENTRIES) map.delete(map.keys().next().value as string);
    map.set(key, { value, at: Date.now() });
  }

  /** A dedicated connection LISTENing for changes; caching is off while it is down. */
  private async listen(): Promise<void> {
    try {
      const driver = this.dataSource.driver as unknown as { obtainMasterConnection(): Promise<[ServerDirectory['listener'] extends infer L ? (L extends { client: infer C } ? C : never) : never, () => void]> };
      const [client, release] = await driver.obtainMasterConnection();
      client.on('notification', (message) => this.forget(message.payload || undefined));
      client.on('error', () => this.lost());
      client.on('end', () => this.lost());
      await client.query(`LISTEN ${INVALIDATION_CHANNEL}`);
      this.listener = { client, release };
      this.forget();
      this.enabled = true;
    } catch (error) {
      this.logger.warn(`cannot LISTEN for server changes (${(error as Error).message}); reading servers from the database on every request`);
      this.lost();
    }
  }

  private lost(): void {
    this.enabled = false;
    this.forget();
    this.listener = undefined;
    if (!this.closing) setTimeout(() => void this.listen(), 5_000).unref();
  }
}
