/**
 * The fixed taxonomy (../shared/spec/taxonomy.json). Read from the shared spec beside the
 * project when it is there, else from the copy in test/fixtures (a clone on its own); the
 * knowledge tests check that the copy has not drifted from the spec whenever both exist.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Taxonomy {
  types: Record<string, unknown>;
  services: Record<string, { agencies: string[]; kind: string }>;
  agencies: Record<string, string>;
}

export const SHARED_TAXONOMY_PATH = join(__dirname, '..', '..', '..', 'shared', 'spec', 'taxonomy.json');
export const FIXTURE_TAXONOMY_PATH = join(__dirname, '..', 'fixtures', 'taxonomy.json');

export function loadTaxonomy(): Taxonomy {
  const path = existsSync(SHARED_TAXONOMY_PATH) ? SHARED_TAXONOMY_PATH : FIXTURE_TAXONOMY_PATH;
  return JSON.parse(readFileSync(path, 'utf8')) as Taxonomy;
}
