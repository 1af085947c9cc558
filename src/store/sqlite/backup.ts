/**
 * Backup and restore of the embedded store with the files under DATA_DIR, in ONE file.
 *
 * The backup file is itself a SQLite database (format `helpdesk-spbe-backup`, version 1):
 *   backup_meta(key, value)                     format, version, created_at, store, schema_version, ...
 *   backup_files(path, size, sha256)            every file, path relative to DATA_DIR
 *   backup_chunks(path, idx, data)              its bytes in chunks of CHUNK_BYTES
 * holding `helpdesk.sqlite` (a consistent snapshot made with SQLite's online backup API while the
 * service keeps writing: one backup step copies every page inside one read transaction, which in
 * WAL mode does not block writers) and the files of BACKUP_FOLDERS (attachments: content-addressed,
 * written once and renamed into place, so copying them after the snapshot catches every one the
 * snapshot refers to). Sessions (whatsapp-auth), the NLU cache and lock files are not copied:
 * they are rebuilt (WhatsApp: scan the QR code again).
 *
 * Restore writes the files into an EMPTY data directory only, checks every file's SHA-256 and the
 * store's integrity, and removes what it wrote when anything fails. The backup file and every
 * restored file hold personal data: they are created readable by their owner only (0600, folders
 * 0700), as the service keeps DATA_DIR.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  lstatSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import Database from 'better-sqlite3';
import { SCHEMA_VERSION } from './migrations';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../../privacy/file-permissions';

export const BACKUP_FORMAT = 'helpdesk-spbe-backup';
export const BACKUP_VERSION = 1;
export const STORE_FILE = 'helpdesk.sqlite';
/** Folders under DATA_DIR copied besides the store (add a folder here when a feature keeps files). */
export const BACKUP_FOLDERS = ['attachments'] as const;
const CHUNK_BYTES = 8 * 1024 * 1024;

/** A problem the operator must act on; the message is Indonesian and says what to do. */
export class BackupError extends Error {
  override readonly name = 'BackupError';
}

export interface BackupSummary {
  file: string;
  /** Whether the embedded store is in the backup (false with MongoDB: only the files). */
  store: boolean;
  schemaVersion: number | null;
  /** Files besides the store. */
  files: number;
  bytes: number;
}

export interface RestoreSummary {
  dataDir: string;
  store: boolean;
  files: number;
  bytes: number;
  createdAt: string;
}

const SCHEMA = `
  CREATE TABLE backup_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE backup_files (path TEXT PRIMARY KEY, size INTEGER NOT NULL, sha256 TEXT NOT NULL);
  CREATE TABLE backup_chunks (path TEXT NOT NULL, idx INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (path, idx)) WITHOUT ROWID;
`;

/** Creates an empty file readable by its owner only (SQLite then uses it as a new database). */
function createPrivateFile(path: string): void {
  closeSync(openSync(path, 'wx', PRIVATE_FILE_MODE));
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Regular files under `dir` (recursively), skipping temp files of writers in progress. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path));
    else if (entry.isFile() && !entry.name.endsWith('.tmp')) out.push(path);
  }
  return out.sort();
}

/** Copies one file into the archive in chunks; returns its size. */
function addFile(archive: Database.Database, source: string, name: string): number {
  const insertChunk = archive.prepare('INSERT INTO backup_chunks (path, idx, data) VALUES (?, ?, ?)');
  const insertFile = archive.prepare('INSERT INTO backup_files (path, size, sha256) VALUES (?, ?, ?)');
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  const fd = openSync(source, 'r');
  let size = 0;
  try {
    archive.transaction(() => {
      for (let idx = 0; ; idx++) {
        const n = readSync(fd, buffer, 0, CHUNK_BYTES, null);
        if (n === 0) break;
        const chunk = Buffer.from(buffer.subarray(0, n));
        hash.update(chunk);
        insertChunk.run(name, idx, chunk);
        size += n;
      }
      insertFile.run(name, size, hash.digest('hex'));
    })();
  } finally {
    closeSync(fd);
  }
  return size;
}

/**
 * Writes the backup of `dataDir` to `out` (refuses an existing file). With `includeStore` false
 * (MongoDB holds the data) only the files are copied.
 */
export async function createBackup(options: { dataDir: string; out: string; includeStore: boolean; now?: () => number }): Promise<BackupSummary> {
  const dataDir = resolve(options.dataDir);
  const out = resolve(options.out);
  if (existsSync(out)) throw new BackupError(`Berkas ${out} sudah ada. Pilih nama lain (cadangan tidak pernah menimpa berkas).`);
  if (!existsSync(dirname(out))) throw new BackupError(`Folder ${dirname(out)} tidak ada.`);
  const storeFile = join(dataDir, STORE_FILE);
  if (options.includeStore && !existsSync(storeFile)) {
    throw new BackupError(`Penyimpanan ${storeFile} tidak ditemukan. Periksa DATA_DIR (sekarang ${dataDir}).`);
  }
  const tag = randomBytes(4).toString('hex');
  const temp = `${out}.${tag}.tmp`;
  const snapshot = `${out}.${tag}.store.tmp`;
  let archive: Database.Database | null = null;
  try {
    let schemaVersion: number | null = null;
    if (options.includeStore) {
      createPrivateFile(snapshot);
      const source = new Database(storeFile, { fileMustExist: true, timeout: 10_000 });
      try {
        // Every page in one step: one read transaction, so the copy is one consistent moment.
        await source.backup(snapshot, { progress: () => 0x7fffffff });
      } finally {
        source.close();
      }
      const check = new Database(snapshot, { fileMustExist: true });
      try {
        const integrity = String(check.pragma('integrity_check', { simple: true }));
        if (integrity !== 'ok') throw new BackupError(`Salinan penyimpanan tidak utuh (${integrity}); cadangan dibatalkan.`);
        schemaVersion = Number(check.pragma('user_version', { simple: true }));
        // The copy is one standalone file (no -wal beside it).
        check.pragma('journal_mode = DELETE');
      } finally {
        check.close();
      }
    }

    createPrivateFile(temp);
    archive = new Database(temp);
    archive.pragma('journal_mode = OFF');
    archive.pragma('synchronous = OFF');
    archive.exec(SCHEMA);
    let files = 0;
    let bytes = 0;
    if (options.includeStore) addFile(archive, snapshot, STORE_FILE);
    for (const folder of BACKUP_FOLDERS) {
      for (const path of filesUnder(join(dataDir, folder))) {
        bytes += addFile(archive, path, relative(dataDir, path).split(sep).join('/'));
        files++;
      }
    }
    const meta = archive.prepare('INSERT INTO backup_meta (key, value) VALUES (?, ?)');
    const createdAt = new Date((options.now ?? Date.now)()).toISOString();
    archive.transaction(() => {
      meta.run('format', BACKUP_FORMAT);
      meta.run('version', String(BACKUP_VERSION));
      meta.run('created_at', createdAt);
      meta.run('store', options.includeStore ? 'sqlite' : 'none');
      meta.run('schema_version', schemaVersion === null ? '' : String(schemaVersion));
      meta.run('files', String(files));
    })();
    archive.close();
    archive = null;
    fsyncPath(temp);
    renameSync(temp, out);
    return { file: out, store: options.includeStore, schemaVersion, files, bytes };
  } finally {
    archive?.close();
    for (const path of [temp, snapshot, `${snapshot}-wal`, `${snapshot}-shm`]) rmSync(path, { force: true });
  }
}

function openArchive(from: string): { db: Database.Database; meta: Map<string, string> } {
  if (!existsSync(from)) throw new BackupError(`Berkas cadangan ${from} tidak ditemukan.`);
  let db: Database.Database;
  try {
    db = new Database(from, { readonly: true, fileMustExist: true });
    const meta = new Map((db.prepare('SELECT key, value FROM backup_meta').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]));
    if (meta.get('format') !== BACKUP_FORMAT) throw new Error('format');
    const version = Number(meta.get('version'));
    if (!(version >= 1 && version <= BACKUP_VERSION)) {
      db.close();
      throw new BackupError(`Berkas cadangan ${from} berformat versi ${meta.get('version')}, lebih baru dari program ini. Perbarui aplikasinya.`);
    }
    return { db, meta };
  } catch (err) {
    if (err instanceof BackupError) throw err;
    throw new BackupError(`${from} bukan berkas cadangan Helpdesk SPBE (dibuat dengan npm run -s backup).`);
  }
}

/** What a backup file holds (for the CLI's messages), without restoring it. */
export function backupInfo(from: string): { store: boolean; createdAt: string; files: number } {
  const { db, meta } = openArchive(resolve(from));
  db.close();
  return { store: meta.get('store') === 'sqlite', createdAt: meta.get('created_at') ?? '', files: Number(meta.get('files') ?? 0) };
}

function safeTarget(dataDir: string, name: string): string {
  const target = resolve(dataDir, name);
  if (name.includes('\0') || !target.startsWith(dataDir + sep)) throw new BackupError(`Berkas cadangan rusak: jalur tidak sah "${name}".`);
  return target;
}

/** Restores `from` into `dataDir`, which must be empty or not exist yet. */
export async function restoreBackup(options: { from: string; dataDir: string }): Promise<RestoreSummary> {
  const dataDir = resolve(options.dataDir);
  const { db, meta } = openArchive(resolve(options.from));
  const created: string[] = [];
  let madeDir = false;
  try {
    if (existsSync(dataDir)) {
      if (!lstatSync(dataDir).isDirectory()) throw new BackupError(`DATA_DIR ${dataDir} bukan folder.`);
      const present = readdirSync(dataDir);
      if (present.length) {
        throw new BackupError(
          `DATA_DIR ${dataDir} tidak kosong (${present.length} berkas/folder, misalnya ${present.slice(0, 3).join(', ')}). ` +
            'Pemulihan hanya dilakukan ke folder kosong agar tidak ada data yang tertimpa: hentikan layanan, pindahkan isi folder itu, atau pilih DATA_DIR lain.',
        );
      }
    } else {
      ensurePrivateDir(dataDir);
      madeDir = true;
    }
    const files = db.prepare('SELECT path, size, sha256 FROM backup_files ORDER BY path').all() as { path: string; size: number; sha256: string }[];
    const chunks = db.prepare('SELECT data FROM backup_chunks WHERE path = ? ORDER BY idx');
    let bytes = 0;
    let count = 0;
    for (const file of files) {
      const target = safeTarget(dataDir, file.path);
      const top = join(dataDir, file.path.split('/')[0]!);
      if (!created.includes(top)) created.push(top);
      if (!existsSync(dirname(target))) ensurePrivateDir(dirname(target));
      const temp = `${target}.restore.tmp`;
      const hash = createHash('sha256');
      let size = 0;
      const fd = openSync(temp, 'w', PRIVATE_FILE_MODE);
      try {
        for (const row of chunks.iterate(file.path) as Iterable<{ data: Buffer }>) {
          hash.update(row.data);
          writeSync(fd, row.data);
          size += row.data.length;
        }
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      if (size !== file.size || hash.digest('hex') !== file.sha256) throw new BackupError(`Berkas cadangan rusak: isi ${file.path} tidak cocok dengan sidik SHA-256-nya.`);
      renameSync(temp, target);
      if (file.path !== STORE_FILE) {
        bytes += size;
        count++;
      }
    }
    const store = meta.get('store') === 'sqlite';
    if (store) {
      const restored = new Database(join(dataDir, STORE_FILE), { fileMustExist: true });
      try {
        const integrity = String(restored.pragma('integrity_check', { simple: true }));
        if (integrity !== 'ok') throw new BackupError(`Penyimpanan hasil pemulihan tidak utuh (${integrity}).`);
        const version = Number(restored.pragma('user_version', { simple: true }));
        if (version > SCHEMA_VERSION) {
          throw new BackupError(`Cadangan memakai skema versi ${version}, lebih baru dari program ini (${SCHEMA_VERSION}). Perbarui aplikasinya lalu pulihkan lagi.`);
        }
      } finally {
        restored.close();
      }
    }
    fsyncPath(dataDir);
    return { dataDir, store, files: count, bytes, createdAt: meta.get('created_at') ?? '' };
  } catch (err) {
    // The folder was empty: remove everything this restore wrote, so it can simply be run again.
    for (const path of created) rmSync(path, { recursive: true, force: true });
    if (madeDir && readdirSync(dataDir).length === 0) rmSync(dataDir, { recursive: true, force: true });
    throw err;
  } finally {
    db.close();
  }
}

/** Size in a unit people read (for CLI messages). */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
