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
/** Reconnection of the LISTEN connection: 0.5 s after it is lost, doubling up to 5 s. */
const RETRY_FIRST_MS = 500;
const RETRY_MAX_MS = 5_000;

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
  private listener: Listener | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  /** Consecutive failed attempts to LISTEN: the backoff grows with them. */
  private failures = 0;
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
    clearTimeout(this.reconnectTimer);
    this.listener?.release(true);
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
    return credential && (credential.expiresAt === null || credential.expiresAt.getTime() > Date.now())
      ? credential
      : null;
  }

  /**
   * Called inside the transaction of an administrative change: tells every instance (this one too,
   * at commit) to forget the server. `forget` clears this instance at once as well.
   */
  async changed(serverId: string, em: EntityManager): Promise<void> {
    this.forget(serverId);
    if (this.database.engine === 'postgres')
      await em.query('SELECT pg_notify($1, $2)', [INVALIDATION_CHANNEL, serverId]);
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

  /**
   * A dedicated pooled connection LISTENing for changes; caching is off while it is down. When it dies
   * it is destroyed (not returned to the pool, not kept), and one reconnection loop retries with
   * backoff until LISTEN works again: one loop at a time, however many events the death raises.
   */
  private async listen(): Promise<void> {
    this.reconnectTimer = undefined;
    if (this.closing) return;
    let listener: Listener | undefined;
    try {
      const [client, release] = await (this.dataSource.driver as unknown as PoolDriver).obtainMasterConnection();
      listener = { client, release: onceOnly(release) };
      const own = listener;
      client.on('notification', (message) => this.forget(message.payload || undefined));
      client.on('error', (error) => this.lost(own, error));
      client.on('end', () => this.lost(own));
      await client.query(`LISTEN ${INVALIDATION_CHANNEL}`);
      if (this.closing) return own.release(true);
      this.listener = own;
      this.forget();
      this.enabled = true;
      if (this.failures > 0) this.logger.log('LISTENing for server changes again; caching resumed');
      this.failures = 0;
    } catch (error) {
      listener?.release(true);
      this.failures += 1;
      if (this.failures === 1)
        this.logger.warn(
          `cannot LISTEN for server changes (${(error as Error).message}); reading servers from the database on every request`,
        );
      this.retry();
    }
  }

  /** The LISTEN connection died (`error` and `end` both come): forget everything, destroy it, retry once. */
  private lost(listener: Listener, error?: Error): void {
    if (this.listener !== listener) return listener.release(true);
    this.listener = undefined;
    this.enabled = false;
    this.forget();
    listener.release(true);
    this.failures = Math.max(this.failures, 1);
    this.logger.warn(
      `the LISTEN connection for server changes was lost${error ? ` (${error.message})` : ''}; reading servers from the database on every request until it is back`,
    );
    this.retry();
  }

  private retry(): void {
    if (this.closing || this.reconnectTimer !== undefined) return;
    const delay = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** Math.min(this.failures - 1, 10));
    this.reconnectTimer = setTimeout(() => void this.listen(), delay);
    this.reconnectTimer.unref();
  }
}

interface ListenClient {
  query(sql: string): Promise<unknown>;
  on(event: 'notification', cb: (message: { payload?: string }) => void): void;
  on(event: 'error', cb: (error: Error) => void): void;
  on(event: 'end', cb: () => void): void;
}

interface Listener {
  client: ListenClient;
  /** Back to the pool; `true` destroys the connection instead (pg-pool's release(err)). */
  release: (destroy?: boolean) => void;
}

interface PoolDriver {
  obtainMasterConnection(): Promise<[ListenClient, (destroy?: boolean) => void]>;
}

/** pg-pool throws when a client is released twice: the death of a connection raises several events. */
function onceOnly(release: (destroy?: boolean) => void): (destroy?: boolean) => void {
  let done = false;
  return (destroy) => {
    if (done) return;
    done = true;
    release(destroy);
  };
}
