/**
 * What the privacy CLIs share: `--contact` parsing, and opening the configured store with the
 * privacy module exactly as the service builds it (so every registered holder is covered).
 * Problems go to stderr in Indonesian with exit code 1.
 */
import { parseArgs } from 'node:util';
import { FileAttachmentStore } from '../attachments/file-attachment-store';
import { loadConfig } from '../config/env';
import { UserInputError } from '../domain/errors';
import { createStore } from '../store/create-store';
import { createPrivacyModule, type PrivacyModule } from '../app/privacy-module';

process.env.DOTENV_CONFIG_QUIET = 'true';

/** The `--contact` value, or null after printing the usage. */
export function contactArgument(usage: string): string | null {
  try {
    const { values } = parseArgs({ args: process.argv.slice(2), options: { contact: { type: 'string' } }, strict: true, allowPositionals: false });
    if (!values.contact || !values.contact.trim()) throw new Error('--contact wajib diisi');
    return values.contact;
  } catch (err) {
    process.stderr.write(`Argumen tidak valid: ${(err as Error).message}\n${usage}\n`);
    return null;
  }
}

/** Opens the store and runs `work` with the privacy module; closes the store whatever happens. */
export async function withPrivacy<T>(work: (privacy: PrivacyModule) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const store = createStore(config);
  const privacy = createPrivacyModule({ config, store, attachments: new FileAttachmentStore(config.DATA_DIR), now: Date.now });
  await store.open();
  try {
    return await work(privacy);
  } finally {
    await store.close().catch(() => undefined);
  }
}

/**
 * The shape of privacy:export and privacy:erase: read `--contact`, run `work` on it, print what
 * it returns on stdout; a contact it cannot read is an Indonesian error with the usage, exit 1.
 */
export function runContactCommand(usage: string, work: (privacy: PrivacyModule, contact: string) => Promise<string>): void {
  runCli(async () => {
    const contact = contactArgument(usage);
    if (contact === null) return 1;
    try {
      process.stdout.write(`${await withPrivacy((p) => work(p, contact))}\n`);
      return 0;
    } catch (err) {
      if (!(err instanceof UserInputError)) throw err;
      process.stderr.write(`${err.message}\n${usage}\n`);
      return 1;
    }
  });
}

/** Runs a CLI's main: exit code from its result; an unexpected error is printed in Indonesian. */
export function runCli(main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`Gagal: ${(err as Error)?.message ?? String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
