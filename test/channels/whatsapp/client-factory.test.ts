/** Builds real whatsapp-web.js Clients (constructing one starts no browser; initialize() is never called). */
import path from 'node:path';
import { LocalAuth, RemoteAuth } from 'whatsapp-web.js';
import { createClientFactory, PUPPETEER_ARGS, type RemoteSessionStore } from '../../../channels/whatsapp/client-factory';
import { parseWhatsAppConfig } from '../../../channels/whatsapp/config';

interface Inspectable {
  options: { puppeteer: { executablePath?: string; headless?: boolean; args?: string[] } };
  authStrategy: unknown;
  pupBrowser: unknown;
}

const config = parseWhatsAppConfig({ enabled: true, chromiumPath: '/usr/bin/chromium', dataDir: '/tmp/hd-test/whatsapp-auth', clientId: 'kab-cirebon' });

describe('WhatsApp client factory', () => {
  it('uses LocalAuth under dataDir and the system Chromium, without launching it', () => {
    const client = createClientFactory(config)() as unknown as Inspectable;
    expect(client.pupBrowser).toBeNull();
    expect(client.options.puppeteer).toMatchObject({ executablePath: '/usr/bin/chromium', headless: true, args: PUPPETEER_ARGS });
    expect(client.authStrategy).toBeInstanceOf(LocalAuth);
    const auth = client.authStrategy as LocalAuth;
    expect(auth.clientId).toBe('kab-cirebon');
    expect(auth.dataPath).toBe(path.resolve('/tmp/hd-test/whatsapp-auth'));
  });

  it('uses RemoteAuth with explicit zip paths when a remote store is given', async () => {
    const calls: string[] = [];
    const store: RemoteSessionStore = {
      sessionExists: async (s) => (calls.push(`exists ${s}`), false),
      save: async (s, zip) => void calls.push(`save ${s} ${zip}`),
      extract: async (s, zip) => void calls.push(`extract ${s} ${zip}`),
      delete: async (s) => void calls.push(`delete ${s}`),
    };
    const client = createClientFactory(config, { remoteStore: store, backupSyncIntervalMs: 1000 })() as unknown as Inspectable;
    expect(client.authStrategy).toBeInstanceOf(RemoteAuth);
    const auth = client.authStrategy as unknown as { backupSyncIntervalMs: number; store: { save(o: { session: string }): Promise<void> } };
    expect(auth.backupSyncIntervalMs).toBe(60_000);
    await auth.store.save({ session: 'RemoteAuth-kab-cirebon' });
    expect(calls).toEqual(['save RemoteAuth-kab-cirebon /tmp/hd-test/whatsapp-auth/RemoteAuth-kab-cirebon.zip']);
  });
});
