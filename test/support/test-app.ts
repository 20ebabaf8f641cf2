import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/bootstrap';
import { AppConfig } from '../../src/config/app-config';
import { loadConfig } from '../../src/config/load-config';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';
export const PUBLIC_URL = 'https://scimd.test';

/** Which database the suite runs on: PostgreSQL when DATABASE_URL is set, PGlite in memory otherwise. */
export const ENGINE: 'postgres' | 'pglite' = process.env.DATABASE_URL ? 'postgres' : 'pglite';

export interface InjectOptions {
  headers?: Record<string, string>;
  body?: unknown;
  /** Raw payload, sent as is (malformed JSON, oversized bodies). */
  payload?: string | Buffer;
  /** The client's address as the server sees it (127.0.0.1 unless set). */
  remoteAddress?: string;
}

export interface TestResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
  text: string;
}

/**
 * The real application (same `createApp` as main.ts) on a database of its own: an in-memory PGlite, or
 * a fresh schema in the PostgreSQL of DATABASE_URL, dropped on close.
 */
export class TestApp {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly config: AppConfig,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<TestApp> {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const config = loadConfig({
      DATABASE_URL: process.env.DATABASE_URL,
      DATABASE_SCHEMA: ENGINE === 'postgres' ? schema : undefined,
      DATA_DIR: 'memory://',
      ADMIN_TOKEN,
      PUBLIC_URL,
      LOG_LEVEL: 'silent',
      DB_POOL_SIZE: '4',
      ...env,
    });
    const app = await createApp(config);
    await app.getHttpAdapter().getInstance().ready();
    return new TestApp(app, config);
  }

  get dataSource(): DataSource {
    return this.app.get(DataSource);
  }

  /** A provider of the running app (to reach a service a test must drive directly). */
  get<T>(type: new (...args: never[]) => T): T {
    return this.app.get(type);
  }

  async request(method: string, url: string, options: InjectOptions = {}): Promise<TestResponse> {
    const headers: Record<string, string> = { ...options.headers };
    let payload = options.payload;
    if (options.body !== undefined) {
      payload = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/scim+json';
    }
    const res = await this.app.inject({
      method: method as 'GET',
      url,
      headers,
      payload,
      remoteAddress: options.remoteAddress,
    });
    let body: unknown = undefined;
    if (res.body.length > 0 && /json/.test(String(res.headers['content-type']))) body = JSON.parse(res.body);
    return { status: res.statusCode, headers: res.headers as TestResponse['headers'], body, text: res.body };
  }

  admin(method: string, path: string, body?: unknown, token = ADMIN_TOKEN): Promise<TestResponse> {
    return this.request(method, `/admin${path}`, {
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      payload: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  async close(): Promise<void> {
    const { databaseSchema } = this.config;
    const url = this.config.databaseUrl;
    await this.app.close();
    if (url && databaseSchema !== 'public') {
      const ds = new DataSource({ type: 'postgres', url, extra: { max: 1 } });
      await ds.initialize();
      await ds.query(`DROP SCHEMA IF EXISTS "${databaseSchema}" CASCADE`);
      await ds.destroy();
    }
  }
}
