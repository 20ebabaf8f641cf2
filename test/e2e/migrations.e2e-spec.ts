import { Database } from '../../src/database/database';
import { schemaDrift } from '../../src/database/schema-drift';
import { TestApp } from '../support/test-app';

describe('migrations', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.close());

  it('entities and migrations agree: generating a migration would yield nothing', async () => {
    expect(await schemaDrift(app.dataSource)).toEqual({ up: [], down: [] });
  });

  it('every migration reverts and re-applies cleanly', async () => {
    const db = app.app.get(Database);
    const applied: { name: string }[] = await app.dataSource.query('SELECT name FROM migrations');
    for (let i = 0; i < applied.length; i++) await db.revertLast();
    expect(await app.dataSource.query('SELECT count(*)::int AS n FROM migrations')).toEqual([{ n: 0 }]);
    expect(await db.migrate()).toEqual(applied.map((m) => m.name));
    expect(await schemaDrift(app.dataSource)).toEqual({ up: [], down: [] });
  });
});
