import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestApp } from '../support/test-app';

const README = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

/** The requests of the README's admin table ("## Admin API and CLI"), as `METHOD /admin/servers/{id}`. */
function readmeAdminRequests(): string[] {
  const section = README.slice(README.indexOf('## Admin API and CLI'));
  const table = section.slice(
    section.indexOf('| request | does |'),
    section.indexOf('\n\n', section.indexOf('| request | does |')),
  );
  const requests = table
    .split('\n')
    .slice(2)
    .flatMap((row) =>
      [...row.split('|')[1].matchAll(/`(GET|POST|PUT|PATCH|DELETE) (\/admin\/[^`?\s]*)[^`]*`/g)].map(
        (m) => `${m[1]} ${m[2].replace(/:(\w+)/g, '{$1}')}`,
      ),
    );
  return [...new Set(requests)].sort();
}

/** README's table of the admin API lists every admin route the app serves, and no other. */
describe("README's admin API table", () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.close());

  it('names exactly the admin requests of the OpenAPI document', async () => {
    const doc = (await app.request('GET', '/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
    const served = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/admin/'))
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    expect(served.length).toBeGreaterThan(20);
    expect(readmeAdminRequests()).toEqual(served);
  });
});
