import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileAttachmentStore } from '../../../src/attachments/file-attachment-store';
import { securePrivateTree } from '../../../src/privacy/file-permissions';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store';

const mode = (p: string) => statSync(p).mode & 0o777;

describe('data files readable by the service user only', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'hd-perm-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('the embedded store creates DATA_DIR 0700 and its SQLite files 0600, and fixes them on open', async () => {
    const dataDir = join(root, 'data');
    const store = new SqliteStore({ dataDir });
    await store.open();
    await store.acceptInbound({ channel: 'webchat', threadId: 's', senderId: 's', externalId: 'e', text: 'halo', at: 1 });
    expect(mode(dataDir)).toBe(0o700);
    for (const f of ['helpdesk.sqlite', 'helpdesk.sqlite-wal', 'helpdesk.sqlite-shm']) expect(mode(join(dataDir, f))).toBe(0o600);
    await store.close();
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, 'helpdesk.sqlite'), 0o644);
    const again = new SqliteStore({ dataDir });
    await again.open();
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(join(dataDir, 'helpdesk.sqlite'))).toBe(0o600);
    await again.close();
  });

  it('attachments are written 0600 in a 0700 folder', async () => {
    const files = new FileAttachmentStore(root);
    const ref = await files.save({ bytes: Buffer.from('foto'), mimeType: 'image/png', fileName: 'foto\u202Egnp.exe' });
    expect(mode(join(root, 'attachments'))).toBe(0o700);
    expect(mode(join(root, 'attachments', ref.storageKey!))).toBe(0o600);
    // A file name cannot hide its type behind a direction override.
    expect(ref.fileName).toBe('fotognp.exe');
    expect(files.exists(ref.storageKey!)).toBe(true);
    expect(files.remove(ref.storageKey!)).toBe(true);
    expect(files.remove(ref.storageKey!)).toBe(false);
    expect(files.remove('../../etc/passwd')).toBe(false);
  });

  it('securePrivateTree removes group and other bits everywhere, keeps the owner bits, skips links', () => {
    mkdirSync(join(root, 'a', 'b'), { recursive: true, mode: 0o755 });
    chmodSync(join(root, 'a'), 0o755);
    chmodSync(join(root, 'a', 'b'), 0o775);
    writeFileSync(join(root, 'a', 'b', 'f.txt'), 'x', { mode: 0o666 });
    chmodSync(join(root, 'a', 'b', 'f.txt'), 0o666);
    writeFileSync(join(root, 'run.sh'), '#!/bin/sh', { mode: 0o755 });
    chmodSync(join(root, 'run.sh'), 0o755);
    const outside = mkdtempSync(join(tmpdir(), 'hd-perm-outside-'));
    chmodSync(outside, 0o755);
    symlinkSync(outside, join(root, 'link'));
    chmodSync(root, 0o755);
    try {
      expect(securePrivateTree(root)).toBe(5);
      expect(mode(root)).toBe(0o700);
      expect(mode(join(root, 'a'))).toBe(0o700);
      expect(mode(join(root, 'a', 'b'))).toBe(0o700);
      expect(mode(join(root, 'a', 'b', 'f.txt'))).toBe(0o600);
      expect(mode(join(root, 'run.sh'))).toBe(0o700);
      expect(mode(outside)).toBe(0o755);
      expect(securePrivateTree(root)).toBe(0);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
