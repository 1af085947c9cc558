/**
 * Which Telegram message still shows buttons is kept in the store (src/app/channels.ts), so the
 * process that takes the channel over after its owner died retires the previous message's buttons,
 * and a press received by another process (webhook) is known to the owner. Real embedded store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { KeyboardTracker, type EditMarkup } from '../../../channels/telegram/keyboards';
import { storeLiveKeyboards } from '../../../src/app/channels';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store';

describe('live Telegram keyboards in the store', () => {
  let dir: string;
  let store: SqliteStore;
  const edits: Parameters<EditMarkup>[0][] = [];
  const edit: EditMarkup = async (payload) => void edits.push(payload);
  const fail = (err: unknown) => {
    throw err;
  };

  beforeEach(async () => {
    edits.length = 0;
    dir = mkdtempSync(path.join(tmpdir(), 'hd-keyboards-'));
    store = new SqliteStore({ dataDir: dir });
    await store.open();
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets the next owner retire the buttons the previous owner showed', async () => {
    const before = new KeyboardTracker(edit, fail, storeLiveKeyboards(store));
    await before.shown('111', 42);
    const after = new KeyboardTracker(edit, fail, storeLiveKeyboards(store));
    await after.retire('111');
    expect(edits).toEqual([{ chat_id: '111', message_id: 42, reply_markup: { inline_keyboard: [] } }]);
    await after.retire('111'); // gone once
    expect(edits).toHaveLength(1);
  });

  it('forgets a keyboard pressed in another process, so it is not edited twice', async () => {
    const owner = new KeyboardTracker(edit, fail, storeLiveKeyboards(store));
    await owner.shown('222', 7);
    const receiver = new KeyboardTracker(edit, fail, storeLiveKeyboards(store));
    await receiver.used({ chatId: '222', messageId: 7, label: 'Lanjut' });
    expect(edits).toHaveLength(1);
    expect(edits[0]!.reply_markup.inline_keyboard[0]![0]!.text).toBe('✓ Lanjut');
    await owner.retire('222');
    expect(edits).toHaveLength(1);
  });

  it('does not track group chats', async () => {
    const tracker = new KeyboardTracker(edit, fail, storeLiveKeyboards(store));
    await tracker.shown('-1001234', 9);
    await tracker.retire('-1001234');
    expect(edits).toEqual([]);
  });
});
