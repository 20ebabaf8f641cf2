import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** The variables src/config/load-config.ts reads (`r.int('PORT', …)`, `r.raw('HOST')`…). */
function variablesRead(): string[] {
  return [...read('src/config/load-config.ts').matchAll(/r\.(?:int|bool|url|secret|raw)\('([A-Z][A-Z0-9_]*)'/g)]
    .map((m) => m[1])
    .sort();
}

/** The variables of README's configuration table. */
function readmeVariables(): string[] {
  const readme = read('README.md');
  const table = readme.slice(
    readme.indexOf('| variable | default | meaning |'),
    readme.indexOf('\n\n', readme.indexOf('| variable | default | meaning |')),
  );
  return [...table.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((m) => m[1]).sort();
}

/** The `NAME: value` lines of the scimd service's `environment:` in docker-compose.yml. */
function composeEnvironment(): Record<string, string> {
  const compose = read('docker-compose.yml');
  const service = compose.slice(compose.indexOf('\n  scimd:\n'));
  const block = service.slice(service.indexOf('\n    environment:\n') + '\n    environment:\n'.length);
  const lines = block.split('\n');
  const entries: Record<string, string> = {};
  for (const line of lines) {
    if (/^\s*#/.test(line)) continue;
    const entry = /^ {6}([A-Z][A-Z0-9_]*): (.*)$/.exec(line);
    if (!entry) break;
    entries[entry[1]] = entry[2];
  }
  return entries;
}

/** Every configuration variable is documented, and reaches the container docker-compose.yml runs. */
describe('configuration variables', () => {
  it("README's table and .env.example list exactly the variables the configuration reads", () => {
    const names = variablesRead();
    expect(names.length).toBeGreaterThan(15);
    expect(readmeVariables()).toEqual(names);
    const example = [...new Set([...read('.env.example').matchAll(/^# ([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]))].sort();
    expect(example).toEqual(names);
  });

  it('docker-compose.yml passes each one through from .env or the environment, none hard-coded', () => {
    const environment = composeEnvironment();
    expect(Object.keys(environment).sort()).toEqual(readmeVariables());
    const notPassedThrough = Object.entries(environment).filter(
      ([name, value]) => !new RegExp(`^\\$\\{${name}(:-[^}]*|:\\?[^}]*)?\\}$`).test(value),
    );
    expect(notPassedThrough).toEqual([]);
    // Defaults of its own only where a container needs them; PUBLIC_URL follows PORT as scimd's own default does.
    const defaults = Object.fromEntries(
      Object.entries(environment).flatMap(([name, value]) => (/:-[^}]+\}$/.test(value) ? [[name, value]] : [])),
    );
    expect(defaults).toEqual({
      DATABASE_URL: '${DATABASE_URL:-postgres://scimd:scimd@postgres:5432/scimd}',
      DATA_DIR: '${DATA_DIR:-/app/data}',
      PORT: '${PORT:-3000}',
    });
    expect(read('docker-compose.yml')).toContain('- "${PORT:-3000}:${PORT:-3000}"');
  });
});
