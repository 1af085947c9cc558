/**
 * Data files readable by the service's user only (UU PDP). Created as 0700 folders and 0600
 * files (the store, attachments); at every start the whole DATA_DIR is fixed by removing any
 * group and other permission bits (the owner's own bits, e.g. an executable in a browser
 * profile, stay). Symbolic links, node_modules and .git are left alone.
 */
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates the folder (and parents) if needed and makes it 0700. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Makes an existing file 0600 (no-op when it does not exist). */
export function makePrivateFile(file: string): void {
  if (existsSync(file)) chmodSync(file, PRIVATE_FILE_MODE);
}

const SKIPPED = new Set(['node_modules', '.git']);

/**
 * Walks `root` and removes group and other permission bits from every folder and regular file.
 * Returns how many modes it changed. Errors on single entries (a file removed meanwhile, a file
 * of another user) are skipped.
 */
export function securePrivateTree(root: string): number {
  if (!existsSync(root)) return 0;
  let changed = 0;
  const walk = (path: string) => {
    let stat;
    try {
      stat = lstatSync(path);
    } catch {
      return;
    }
    if (stat.isSymbolicLink()) return;
    const mode = stat.mode & 0o777;
    const want = stat.isDirectory() || stat.isFile() ? mode & 0o700 : mode;
    if (want !== mode) {
      try {
        chmodSync(path, want);
        changed++;
      } catch {
        /* not ours to change (owned by another user): left as it is */
      }
    }
    if (stat.isDirectory()) {
      let names: string[] = [];
      try {
        names = readdirSync(path);
      } catch {
        return;
      }
      for (const name of names) if (!SKIPPED.has(name)) walk(join(path, name));
    }
  };
  walk(root);
  return changed;
}
