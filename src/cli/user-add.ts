/**
 * npm run -s user:add -- --email E --password P --role ROLE --agency AGENCY --name "N"
 * Creates an officer, or updates the one with that e-mail, in the configured store (MONGODB_URI or
 * the embedded store under DATA_DIR). Problems go to stderr in Indonesian with exit code 1; on
 * success one short line (never the password or its hash).
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/env';
import { UserInputError } from '../domain/errors';
import { DEFAULT_FAQ_DIR, loadKnowledge } from '../knowledge/load-knowledge';
import { addOrUpdateOfficer } from '../officers/officer-admin';
import { ROLE_LABELS } from '../officers/scope';
import { createStore } from '../store/create-store';

const USAGE = 'Pemakaian: npm run -s user:add -- --email E --password P --role PERAN --agency INSTANSI --name "Nama"';

async function main(): Promise<number> {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        email: { type: 'string' },
        password: { type: 'string' },
        role: { type: 'string' },
        agency: { type: 'string' },
        name: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }) as { values: Record<string, string | undefined> });
  } catch (err) {
    process.stderr.write(`Argumen tidak valid: ${(err as Error).message}\n${USAGE}\n`);
    return 1;
  }
  const config = loadConfig();
  const knowledge = loadKnowledge(config.FAQ_DIR ?? DEFAULT_FAQ_DIR);
  const store = createStore(config);
  try {
    await store.open();
    const { officer, created } = await addOrUpdateOfficer(store, knowledge, values);
    const agency = knowledge.agencies.get(officer.agency)?.shortName ?? officer.agency;
    process.stdout.write(`Petugas ${created ? 'dibuat' : 'diperbarui'}: ${officer.email} (${ROLE_LABELS[officer.role]}, ${agency}).\n`);
    return 0;
  } catch (err) {
    if (err instanceof UserInputError) process.stderr.write(`Gagal menyimpan petugas:\n${err.message.split('\n').map((l) => `- ${l}`).join('\n')}\n${USAGE}\n`);
    else process.stderr.write(`Gagal menyimpan petugas: ${(err as Error).message}\n`);
    return 1;
  } finally {
    await store.close().catch(() => undefined);
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`Gagal: ${(err as Error).message}\n`);
    process.exit(1);
  },
);
