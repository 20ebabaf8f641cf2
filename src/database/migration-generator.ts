import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Database } from './database';
import { schemaDrift } from './schema-drift';

/**
 * Writes migrations/<epoch>-<Name>.ts with the SQL that takes an up-to-date database to the entities,
 * computed on a fresh in-memory embedded database with every existing migration applied.
 */
export async function generateMigration(name: string, directory: string): Promise<string | undefined> {
  if (!/^[A-Z][A-Za-z0-9]*$/.test(name)) throw new Error('Migration name must be PascalCase, e.g. AddUserIndexes');
  const db = await Database.open({
    databaseUrl: undefined,
    dataDir: 'memory://',
    databaseSchema: 'public',
    dbPoolSize: 1,
  });
  try {
    await db.migrate();
    const drift = await schemaDrift(db.dataSource);
    if (drift.up.length === 0) return undefined;
    const epoch = Date.now();
    const file = join(directory, `${epoch}-${name}.ts`);
    writeFileSync(file, render(`${name}${epoch}`, drift.up, drift.down));
    return file;
  } finally {
    await db.close();
  }
}

function render(className: string, up: string[], down: string[]): string {
  const lines = (queries: string[]) =>
    queries.map((q) => `    await queryRunner.query(${JSON.stringify(q.replaceAll(`"public".`, ''))});`).join('\n');
  return `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${lines(up)}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${lines(down)}
  }
}
`;
}
