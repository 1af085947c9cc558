/**
 * The WhatsApp RemoteAuth session store on real MongoDB GridFS. Runs wherever MONGODB_URI is set
 * (docker compose up -d mongo); skipped loudly otherwise, like the store contract on MongoDB.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoStore } from '../../src/store/mongo/mongo-store';
import { GridFsWhatsAppSessionStore } from '../../src/store/mongo/whatsapp-session-store';

import { describeMongo, uniqueMongoUri } from '../helpers/mongo';

describeMongo('GridFsWhatsAppSessionStore on MongoDB', () => {
  let store: MongoStore;
  let dir: string;
  beforeAll(async () => {
    store = new MongoStore({ uri: uniqueMongoUri('wa') });
    await store.open();
    dir = mkdtempSync(join(tmpdir(), 'wa-session-'));
  });
  afterAll(async () => {
    await store.dropDatabase();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('saves, finds, extracts the newest copy, and deletes a session', async () => {
    const sessions = new GridFsWhatsAppSessionStore(() => store.mongoConnection);
    expect(await sessions.sessionExists('RemoteAuth-helpdesk')).toBe(false);
    writeFileSync(join(dir, 'a.zip'), 'first');
    await sessions.save('RemoteAuth-helpdesk', join(dir, 'a.zip'));
    writeFileSync(join(dir, 'b.zip'), 'second');
    await sessions.save('RemoteAuth-helpdesk', join(dir, 'b.zip'));
    expect(await sessions.sessionExists('RemoteAuth-helpdesk')).toBe(true);
    await sessions.extract('RemoteAuth-helpdesk', join(dir, 'out.zip'));
    expect(readFileSync(join(dir, 'out.zip'), 'utf8')).toBe('second');
    await sessions.delete('RemoteAuth-helpdesk');
    expect(await sessions.sessionExists('RemoteAuth-helpdesk')).toBe(false);
  });
});
