import { ENGINE, TestApp } from '../support/test-app';

describe('health probes', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.close());

  it('live answers 200 without authentication', async () => {
    const res = await app.request('GET', '/health/live');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('ready answers 200 when the database is reachable and migrated', async () => {
    const res = await app.request('GET', '/health/ready');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ok',
      info: { database: { status: 'up', engine: ENGINE } },
      error: {},
      details: { database: { status: 'up', engine: ENGINE } },
    });
  });

  it('ready answers 503 while a migration is pending', async () => {
    const [last] = await app.dataSource.query('SELECT name FROM migrations ORDER BY id DESC LIMIT 1');
    await app.dataSource.query('DELETE FROM migrations WHERE name = $1', [last.name]);
    try {
      const res = await app.request('GET', '/health/ready');
      expect(res.status).toBe(503);
      expect(res.body.status).toBe('error');
      expect(res.body.error.database).toEqual({ status: 'down', engine: ENGINE, pendingMigrations: [last.name] });
    } finally {
      await app.dataSource.query('INSERT INTO migrations (timestamp, name) VALUES ($1, $2)', [
        Number(last.name.match(/\d+$/)[0]),
        last.name,
      ]);
    }
  });
});
