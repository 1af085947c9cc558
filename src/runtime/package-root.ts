/**
 * Where the installed package lives, so the data files (faq/, flows/) and the static pages are
 * found the same way from the TypeScript sources (`src/...` under tsx or ts-jest) and from the
 * compiled build (`dist/src/...`), whatever the working directory of the process.
 * The root is the nearest ancestor directory of this module holding this package's package.json.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const PACKAGE_NAME = 'helpdesk-spbe-cirebon';

let cached: string | null = null;

function isOurPackage(dir: string): boolean {
  const file = join(dir, 'package.json');
  if (!existsSync(file)) return false;
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name === PACKAGE_NAME;
  } catch {
    return false;
  }
}

/** Absolute path of the package root (the directory of our package.json). */
export function packageRoot(): string {
  if (cached) return cached;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (isOurPackage(dir)) return (cached = dir);
    if (dirname(dir) === dir) break;
  }
  throw new Error(`package.json paket ${PACKAGE_NAME} tidak ditemukan di atas ${__dirname}`);
}

/** A path inside the installed package, e.g. packagePath('faq'). */
export function packagePath(...parts: string[]): string {
  return join(packageRoot(), ...parts);
}
