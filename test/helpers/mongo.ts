/**
 * Real MongoDB for the contract suites, wherever MONGODB_URI is set (e.g. `docker compose up -d
 * mongo`, then MONGODB_URI=mongodb://127.0.0.1:27017/helpdesk-test npx jest test/contract).
 * Without it, `describeMongo` suites are reported as SKIPPED by jest and a loud warning names
 * them; with REQUIRE_MONGODB=1 (a CI that has MongoDB) they fail instead. No MongoDB is mocked.
 */
import { randomBytes } from 'node:crypto';

export const TEST_MONGODB_URI = process.env.MONGODB_URI?.trim() || undefined;

/** The configured server with a fresh database name (drop it after the suite). */
export function uniqueMongoUri(tag: string): string {
  const u = new URL(TEST_MONGODB_URI!);
  u.pathname = `/helpdesk-${tag}-${randomBytes(4).toString('hex')}`;
  return u.toString();
}

/** describe() when MongoDB is configured; otherwise describe.skip() with a loud warning. */
export function describeMongo(title: string, body: () => void): void {
  if (TEST_MONGODB_URI) {
    describe(title, body);
    return;
  }
  if (process.env.REQUIRE_MONGODB === '1') {
    describe(title, () => {
      it('needs MongoDB (REQUIRE_MONGODB=1) but MONGODB_URI is not set', () => {
        throw new Error('REQUIRE_MONGODB=1 but MONGODB_URI is not set');
      });
    });
    return;
  }
  // Written straight to stderr: jest drops console output of a file whose tests are all skipped.
  process.stderr.write(
    `\n!!! MONGODB_URI NOT SET: "${title}" is SKIPPED (the MongoDB adapter is NOT tested in this run). Run it with:\n` +
      '!!!   docker compose up -d mongo && MONGODB_URI=mongodb://127.0.0.1:27017/helpdesk-test npx jest test/contract\n',
  );
  describe.skip(title, body);
}
