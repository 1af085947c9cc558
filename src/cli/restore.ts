/**
 * npm run -s restore -- --from FILE   (production: node dist/src/cli/restore.js --from FILE)
 * Restores a backup made by `npm run -s backup` into DATA_DIR, which must be empty (or not exist):
 * stop the service first. With MONGODB_URI only the attachments are restored and the MongoDB
 * data comes back with mongorestore. Exit 0 on success, 1 on failure, 2 on wrong arguments.
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/env';
import { storeKind } from '../store/create-store';
import { BackupError, backupInfo, formatBytes, restoreBackup } from '../store/sqlite/backup';
import { MONGO_DUMP_HINT } from './backup-hints';

const USAGE = 'Pemakaian: npm run -s restore -- --from BERKAS   (produksi: node dist/src/cli/restore.js --from BERKAS)';

async function main(): Promise<number> {
  let from: string | undefined;
  try {
    ({ values: { from } } = parseArgs({ args: process.argv.slice(2), options: { from: { type: 'string' } }, strict: true, allowPositionals: false }));
  } catch (err) {
    process.stderr.write(`Argumen tidak valid: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (!from) {
    process.stderr.write(`--from wajib diisi.\n${USAGE}\n`);
    return 2;
  }
  const config = loadConfig();
  const mongo = storeKind(config) === 'mongo';
  const info = backupInfo(from);
  if (mongo && info.store) {
    throw new BackupError(
      'Cadangan ini berisi penyimpanan bawaan (SQLite), tetapi MONGODB_URI diset: layanan tidak akan memakainya. ' +
        'Pulihkan tanpa MONGODB_URI, atau pulihkan MongoDB dengan mongorestore.',
    );
  }
  const summary = await restoreBackup({ from, dataDir: config.DATA_DIR });
  process.stdout.write(
    `Dipulihkan ke ${summary.dataDir}: ${summary.store ? 'penyimpanan dan ' : ''}${summary.files} lampiran (${formatBytes(summary.bytes)}), cadangan dari ${summary.createdAt}.\n`,
  );
  if (mongo) process.stderr.write(`${MONGO_DUMP_HINT}\n`);
  else if (!summary.store) process.stderr.write('Catatan: cadangan ini tidak berisi penyimpanan (dibuat dengan MongoDB); pulihkan datanya dengan mongorestore.\n');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(err instanceof BackupError || err instanceof ConfigError ? `Pemulihan gagal: ${err.message}\n` : `Pemulihan gagal: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exit(1);
  },
);
