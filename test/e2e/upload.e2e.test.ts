/**
 * The widget's paperclip in Debian's Chromium against the whole service: reached and opened with
 * the keyboard, progress shown while uploading, clear errors for a type or a size the service
 * does not take (checked in the page, and by the service from the bytes), the file reaching the
 * report's ticket; no bot typing while an officer is awaited; the restart button asks first.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, FileChooser, Page } from 'playwright-core';
import { startService } from '../../src/app/service';
import { launchBrowser, openPage } from '../helpers/browser';
import { FAKE_JPEG_HTML, tinyPdf, tinyPng } from '../helpers/files';
import { chatDriver, inWidget, TICKET_NUMBER, type ChatDriver } from './widget-driver';

jest.setTimeout(120_000);

let service: Awaited<ReturnType<typeof startService>>;
let dataDir: string;
let filesDir: string;
let browser: Browser;
let page: Page;
let errors: string[];
let dialogs: string[];
/** Monday 23 November 2026, 09:00 WIB (office hours), advancing with real time. */
const BASE = Date.UTC(2026, 10, 23, 2, 0, 0);
const realStart = Date.now();

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'helpdesk-upload-'));
  filesDir = mkdtempSync(join(tmpdir(), 'helpdesk-files-'));
  writeFileSync(join(filesDir, 'bukti.pdf'), Buffer.concat([tinyPdf(), Buffer.alloc(3 * 1024 * 1024, 0x20)]));
  writeFileSync(join(filesDir, 'layar.png'), tinyPng());
  writeFileSync(join(filesDir, 'palsu.png'), FAKE_JPEG_HTML);
  writeFileSync(join(filesDir, 'catatan.txt'), 'bukan foto');
  writeFileSync(join(filesDir, 'besar.pdf'), Buffer.concat([tinyPdf(), Buffer.alloc(11 * 1024 * 1024)]));
  service = await startService({ DATA_DIR: dataDir, PORT: 0, HOST: '127.0.0.1', LOG_LEVEL: 'error', env: {}, now: () => BASE + (Date.now() - realStart) });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await service?.stop();
  for (const dir of [dataDir, filesDir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  const opened = await openPage(browser);
  page = opened.page;
  errors = opened.errors;
  dialogs = opened.dialogs;
});

afterEach(async () => {
  await page.context().close();
  expect(errors).toEqual([]);
  expect(dialogs).toEqual([]);
});

async function openChat(): Promise<ChatDriver> {
  await page.goto(`${service.url}/`);
  const chat = chatDriver(page);
  await chat.dialog.waitFor();
  await chat.status.filter({ hasText: 'Terhubung' }).waitFor();
  return chat;
}

const paperclip = (chat: ChatDriver) => chat.dialog.getByRole('button', { name: 'Lampirkan foto atau dokumen PDF' });

/** Reaches the paperclip with Tab from the message box and opens the file chooser with Enter. */
async function attachWithKeyboard(chat: ChatDriver, file: string): Promise<void> {
  await chat.input.focus();
  await page.keyboard.press('Shift+Tab');
  expect(await inWidget<string>(page, "return root.activeElement && root.activeElement.getAttribute('aria-label');")).toBe('Lampirkan foto atau dokumen PDF');
  const chooser = await chooserAfter('Enter');
  await chooser.setFiles(join(filesDir, file));
}

/**
 * Presses the key on the focused paperclip and returns the file chooser it opened. Chromium now
 * and then drops a chooser asked for right after the previous one closed (no event, nothing on
 * screen); the key is pressed again then, at most CHOOSER_ATTEMPTS times.
 */
const CHOOSER_ATTEMPTS = 5;
async function chooserAfter(key: string): Promise<FileChooser> {
  for (let attempt = 1; ; attempt++) {
    try {
      const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 8000 }), page.keyboard.press(key)]);
      return chooser;
    } catch (err) {
      if (attempt >= CHOOSER_ATTEMPTS) throw err;
      // Give Chromium a moment after a dropped chooser before asking again.
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

it('a file reaches the ticket: keyboard paperclip, progress while uploading, the file on the report', async () => {
  const chat = await openChat();
  let asked = await chat.ask('aplikasi perizinan online tidak bisa upload dokumen persyaratan sejak kemarin');
  for (let i = 0; i < 5 && !/lampir|bukti|foto/i.test(asked); i++) asked = await chat.ask('081234567890');
  expect(asked).toMatch(/lampir|bukti|foto/i);

  // Record every progress value the widget shows (a MutationObserver in the shadow root).
  await inWidget(page, `window.__progress = []; new MutationObserver(() => { const p = root.querySelector('.upload progress'); if (p) window.__progress.push(p.value); }).observe(root, { subtree: true, childList: true, attributes: true, characterData: true });`);
  const before = await chat.replies.count();
  await attachWithKeyboard(chat, 'bukti.pdf');
  await chat.dialog.locator('.msg-user .file', { hasText: 'bukti.pdf' }).waitFor();
  await chat.waitForReplies(before);
  expect(await chat.lastReplyText()).toMatch(/1 berkas diterima/);
  const seen = await page.evaluate('window.__progress');
  expect(Array.isArray(seen) && seen.length > 0).toBe(true);
  expect(await chat.dialog.locator('.upload').count()).toBe(0); // the bar goes once the file is stored

  const done = await chat.choose(/^Ya\b/i);
  const number = TICKET_NUMBER.exec(done)?.[0];
  expect(number).toBeDefined();
  const ticket = await service.store.getTicket(number!);
  expect(ticket!.attachments.map((a) => [a.fileName, a.mimeType])).toEqual([['bukti.pdf', 'application/pdf']]);
});

it('clear errors: a type or size refused in the page, a disguised file refused by the service', async () => {
  const chat = await openChat();
  await attachWithKeyboard(chat, 'catatan.txt');
  await chat.status.filter({ hasText: 'Jenis berkas tidak didukung' }).waitFor();
  await attachWithKeyboard(chat, 'besar.pdf');
  await chat.status.filter({ hasText: 'Berkas terlalu besar. Ukuran maksimal 10 MB.' }).waitFor();
  expect(await chat.userMessages.count()).toBe(0); // nothing was sent

  // HTML named .png passes the page's check; the service reads the bytes and refuses it (415).
  await attachWithKeyboard(chat, 'palsu.png');
  await chat.status.filter({ hasText: 'Jenis berkas tidak didukung' }).waitFor();
  await chat.dialog.locator('.msg-user.is-failed').waitFor();
  expect(await chat.dialog.locator('.msg-user.is-failed .retry').count()).toBe(0); // resending would not help

  // A real photo afterwards goes through and is answered (outside a report: asked what it is for).
  const before = await chat.replies.count();
  await paperclip(chat).focus();
  const chooser = await chooserAfter('Space');
  await chooser.setFiles(join(filesDir, 'layar.png'));
  await chat.waitForReplies(before);
  expect(await chat.lastReplyText()).toMatch(/1 berkas sudah kami terima/);
});

it('no typing dots while an officer is awaited; the restart button asks before starting over', async () => {
  const chat = await openChat();
  expect(await chat.ask('saya mau bicara dengan petugas')).toMatch(/antrean petugas/);
  await chat.say('halo, masih lama?');
  await chat.dialog.locator('.msg-user.is-sent', { hasText: 'halo, masih lama?' }).waitFor();
  expect(await inWidget<boolean>(page, "return root.querySelector('.typing').hidden;")).toBe(true);

  const restart = chat.dialog.getByRole('button', { name: 'Mulai percakapan baru' });
  await restart.click();
  const confirm = chat.dialog.getByRole('alertdialog');
  await confirm.waitFor();
  expect(await confirm.innerText()).toMatch(/nomor tiket/);
  // Escape (or "Batal") keeps the conversation.
  await page.keyboard.press('Escape');
  await confirm.waitFor({ state: 'detached' });
  expect(await chat.userMessages.count()).toBeGreaterThan(0);
  await restart.click();
  await chat.dialog.getByRole('button', { name: 'Ya, mulai baru' }).click();
  await chat.status.filter({ hasText: 'Terhubung' }).waitFor();
  expect(await chat.userMessages.count()).toBe(0);
});
