/**
 * The README's configuration table stays complete and true: every variable the service reads,
 * and every variable the Dockerfile and docker-compose.yml set, has a row; and every row names a
 * variable that exists.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CONFIG_VARIABLES } from '../../../src/config/env';

const root = join(__dirname, '..', '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 5));
/** Variables named in the first column of the table (`A`, `B` rows name several). */
const documented = new Set(
  section
    .split('\n')
    .filter((l) => l.startsWith('| `'))
    .flatMap((l) => [...l.split('|')[1]!.matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1]!)),
);

describe('README configuration table', () => {
  it('lists every variable of src/config/env.ts', () => {
    expect(CONFIG_VARIABLES.filter((v) => !documented.has(v))).toEqual([]);
  });

  it('lists only variables the service reads', () => {
    expect([...documented].filter((v) => !(CONFIG_VARIABLES as string[]).includes(v))).toEqual([]);
  });

  it('lists every variable the Dockerfile and docker-compose.yml set', () => {
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    const fromDockerfile = [...dockerfile.matchAll(/^ENV (.+)$/gm)].flatMap((m) => [...m[1]!.matchAll(/([A-Z][A-Z0-9_]*)=/g)].map((x) => x[1]!));
    const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8')) as { services: { app: { environment: Record<string, string> } } };
    const fromCompose = Object.keys(compose.services.app.environment);
    expect(fromDockerfile.length).toBeGreaterThan(0);
    expect(fromCompose.length).toBeGreaterThan(0);
    expect([...fromDockerfile, ...fromCompose].filter((v) => !documented.has(v))).toEqual([]);
  });
});
