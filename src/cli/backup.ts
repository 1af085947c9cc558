/**
 * npm run -s backup -- --out FILE   (production: node dist/src/cli/backup.js --out FILE)
 * A consistent copy of the embedded store (while the service runs) and of the attachments under
 * DATA_DIR, in one file (src/store/sqlite/backup.ts). With MONGODB_URI the data is in MongoDB:
 * this copies the attachments only and says how to dump MongoDB (mongodump).
 * Operator messages in Indonesian; exit 0 on success, 1 on failure, 2 on wrong arguments.
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/env';
import { storeKind } from '../store/create-store';
import { BackupError, createBackup, formatBytes } from '../store/sqlite/backup';
import { MONGO_DUMP_HINT } from './backup-hints';

const USAGE = 'Pemakaian: npm run -s backup -- --out BERKAS   (produksi: node dist/src/cli/backup.js --out BERKAS)';

async function main(): Promise<number> {
  let out: string | undefined;
  try {
    ({ values: { out } } = parseArgs({ args: process.argv.slice(2), options: { out: { type: 'string' } }, strict: true, allowPositionals: false }));
  } catch (err) {
    process.stderr.write(`Argumen tidak valid: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (!out) {
    process.stderr.write(`--out wajib diisi.\n${USAGE}\n`);
    return 2;
  }
  const config = loadConfig();
  const mongo = storeKind(config) === 'mongo';
  if (mongo) process.stderr.write(`${MONGO_DUMP_HINT}\nBerkas cadangan ini hanya berisi lampiran di ${config.DATA_DIR}.\n`);
  const summary = await createBackup({ dataDir: config.DATA_DIR, out, includeStore: !mongo });
  process.stdout.write(
    `Cadangan dibuat: ${summary.file} (${summary.store ? `penyimpanan skema v${summary.schemaVersion}, ` : ''}${summary.files} lampiran, ${formatBytes(summary.bytes)}).\n`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(err instanceof BackupError || err instanceof ConfigError ? `Cadangan gagal: ${err.message}\n` : `Cadangan gagal: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exit(1);
  },
);
