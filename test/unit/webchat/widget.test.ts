/**
 * The embeddable widget (channels/webchat/public/widget.js) in Debian's Chromium against the fake
 * web chat server (canned bot, scripted failures): rendering, safety, sessions, delivery retries,
 * reconnects, polling fallback, accessibility and the phone layout.
 */
import type { Browser, Page } from 'playwright-core';
import { FakeWebchatServer } from '../../helpers/fake-webchat-server';
import { launchBrowser, openPage } from '../../helpers/browser';
import { chatDriver, inWidget, TICKET_NUMBER } from '../../e2e/widget-driver';

jest.setTimeout(60_000);

let browser: Browser;
let fake: FakeWebchatServer;
let page: Page;
let pageErrors: string[];
let dialogs: string[];
let consoleLines: string[];

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  fake = await FakeWebchatServer.start();
  const opened = await openPage(browser);
  page = opened.page;
  pageErrors = opened.errors;
  dialogs = opened.dialogs;
  consoleLines = opened.console;
});

afterEach(async () => {
  await page.context().close();
  await fake.close();
  expect(pageErrors).toEqual([]);
  expect(dialogs).toEqual([]);
});

/** Waits for a condition on the server side (no timing assertion: the test timeout bounds it). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 50));
}

/** A host page of our own at the fake server's origin (so no CORS), with the widget tag. */
async function hostPage(attrs: string, head = '', body = '<main><h1>Situs Perangkat Daerah</h1></main>'): Promise<void> {
  const url = `${fake.url}/host-test.html`;
  await page.route(url, (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><html lang="id"><head><meta name="viewport" content="width=device-width, initial-scale=1">${head}</head><body>${body}<script src="/widget.js" defer ${attrs}></script></body></html>`,
    }),
  );
  await page.goto(url);
}

describe('page at / (fake backend)', () => {
  it('shows the introduction and the open chat with its accessible parts, without CSP violations', async () => {
    await page.goto(`${fake.url}/`);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('id');
    await page.getByRole('heading', { level: 1, name: /Helpdesk SPBE Pemerintah Kabupaten Cirebon/ }).waitFor();
    const snippet = await page.locator('#kode-pasang').innerText();
    expect(snippet).toBe(`<script src="${fake.url}/widget.js" defer data-title="Helpdesk SPBE Kab. Cirebon" data-open="false"></script>`);

    const chat = chatDriver(page);
    await chat.dialog.waitFor();
    await chat.log.waitFor();
    expect(await chat.log.getAttribute('aria-live')).toBe('polite');
    await chat.input.waitFor();
    await chat.sendButton.waitFor();
    await chat.closeButton.waitFor();
    expect(await chat.launcher.getAttribute('aria-expanded')).toBe('true');
    // styled through a constructable stylesheet although the page forbids inline styles
    const launcherColor = await inWidget<string>(page, "return getComputedStyle(root.querySelector('.launcher')).backgroundColor;");
    expect(launcherColor).toBe('rgb(11, 79, 138)');
    // every button has an accessible name
    const unnamed = await inWidget<number>(page, "return [...root.querySelectorAll('button')].filter((b) => !b.getAttribute('aria-label')).length;");
    expect(unnamed).toBe(0);
    expect(consoleLines.filter((l) => /Content Security Policy/i.test(l))).toEqual([]);
  });

  it('answers a question, renders **bold**, list items and a safe link to the bare domain', async () => {
    await page.goto(`${fake.url}/`);
    const chat = chatDriver(page);
    await chat.status.filter({ hasText: 'Terhubung' }).waitFor();
    const answer = await chat.ask('link simpeg pemkab cirebon apa ya?');
    expect(answer).toContain('www.simpeg.cirebonkab.go.id');
    const last = chat.replies.last();
    const link = last.getByRole('link', { name: 'www.simpeg.cirebonkab.go.id' });
    expect(await link.getAttribute('href')).toBe('https://www.simpeg.cirebonkab.go.id/');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await last.locator('strong').allInnerTexts()).toEqual(['SIMPEG']);
    expect(await last.locator('li').count()).toBe(2);
    // the user's message appears once, confirmed by the server's echo
    await chat.userMessages.filter({ hasText: 'link simpeg' }).locator('.state', { hasText: 'Terkirim' }).waitFor();
    expect(await chat.userMessages.count()).toBe(1);
  });
});

describe('widget behaviour', () => {
  it('walks an incident report through quick replies to a ticket number', async () => {
    await hostPage('data-open="true"');
    const chat = chatDriver(page);
    await chat.status.filter({ hasText: 'Terhubung' }).waitFor();
    expect(await chat.ask('aplikasi SIMPEG tidak bisa dibuka sejak pagi')).toMatch(/NIP/);
    const attachmentQuestion = await chat.ask('199001012015031001');
    expect(attachmentQuestion).toMatch(/lewati/i);
    expect(await chat.options.allInnerTexts()).toEqual(['Lewati']);
    await chat.choose('Lewati');
    expect(await chat.options.allInnerTexts()).toEqual(['Ya', 'Tidak']);
    const done = await chat.choose(/^Ya$/);
    expect(done).toMatch(TICKET_NUMBER);
    // the quick reply shows its label, the server received its value
    expect(await chat.userMessages.last().locator('.bubble').innerText()).toBe('Ya');
    expect(fake.posts.filter((p) => p.outcome === 'stored').map((p) => p.text).slice(-2)).toEqual(['lewati', 'ya']);
    // only the latest reply keeps its buttons
    expect(await chat.options.count()).toBe(0);
    // after a reload the history comes back, with the labels of the quick replies
    await page.reload();
    const again = chatDriver(page);
    await again.replies.filter({ hasText: TICKET_NUMBER }).waitFor();
    expect(await again.userMessages.last().locator('.bubble').innerText()).toBe('Ya');
    expect(fake.sessionsCreated).toBe(1);
  });

  it('shows markup in messages as literal text and runs nothing (bot and user)', async () => {
    await hostPage('data-open="true"');
    const chat = chatDriver(page);
    await chat.status.filter({ hasText: 'Terhubung' }).waitFor();
    const hostile = '<img src=x onerror=alert(1)> <script>alert(2)</script> **<b>tebal</b>** javascript:alert(3) http://"onmouseover=alert(4)';
    const echoed = await chat.ask(`echo: ${hostile}`);
    expect(echoed).toContain('<img src=x onerror=alert(1)>');
    expect(echoed).toContain('<script>alert(2)</script>');
    expect(await chat.userMessages.last().innerText()).toContain('<img src=x onerror=alert(1)>');
    const injected = await inWidget<number>(page, "return root.querySelectorAll('.log img, .log script, .log b, .log [onerror], .log [onmouseover]').length;");
    expect(injected).toBe(0);
    expect(await chat.replies.last().locator('strong').allInnerTexts()).toEqual(['<b>tebal</b>']);
    const hrefs = await chat.replies.last().locator('a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    for (const href of hrefs) expect(href).toMatch(/^https?:\/\//);
  });

  it('resists hostile host-page CSS (Shadow DOM)', async () => {
    await hostPage(
      'data-open="true" data-title="Layanan Diskominfo"',
      '<style>* { font-size: 40px !important; color: red !important; } button { background: yellow !important; display: none !important; } div { display: none !important; }</style>',
    );
    const chat = chatDriver(page);
    await chat.dialog.waitFor();
    expect(await chat.dialog.getAttribute('aria-label')).toBe('Obrolan Layanan Diskominfo');
    const styles = await inWidget<{ send: string; font: string; visible: boolean }>(
      page,
      "const s = getComputedStyle(root.querySelector('.send')); const panel = root.querySelector('.panel').getBoundingClientRect(); return { send: s.backgroundColor, font: getComputedStyle(root.querySelector('.input')).fontSize, visible: panel.width > 300 };",
    );
    expect(styles).toEqual({ send: 'rgb(11, 79, 138)', font: '16px', visible: true });
  });

  it('opens and closes from the keyboard: focus into the text box, Esc closes, focus back to the launcher', async () => {
    await hostPage('data-open="false"');
    const chat = chatDriver(page);
    await chat.launcher.waitFor();
    expect(await chat.dialog.count()).toBe(0); // hidden dialogs are not in the accessibility tree
    expect(await chat.launcher.getAttribute('aria-expanded')).toBe('false');
    await chat.launcher.focus();
    await page.keyboard.press('Enter');
    await chat.dialog.waitFor();
    expect(await chat.input.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    await page.keyboard.type('halo, saya butuh bantuan');
    await page.keyboard.press('Tab');
    expect(await chat.sendButton.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    // the focus ring is visible on the focused send button
    const outline = await chat.sendButton.evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).toBe('solid');
    const before = await chat.replies.count();
    await page.keyboard.press('Enter');
    await chat.waitForReplies(before);
    expect(await chat.userMessages.last().innerText()).toContain('halo, saya butuh bantuan');
    // ready for the next message
    expect(await chat.input.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    expect(await chat.input.inputValue()).toBe('');
    await page.keyboard.press('Escape');
    await chat.dialog.waitFor({ state: 'hidden' });
    expect(await chat.launcher.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    expect(await chat.launcher.getAttribute('aria-expanded')).toBe('false');
  });

  it('Shift+Enter makes a new line; long input is capped at 4000 characters with a counter', async () => {
    await hostPage('data-open="true"');
    const chat = chatDriver(page);
    await chat.status.filter({ hasText: 'Terhubung' }).waitFor();
    await chat.input.click();
    await page.keyboard.type('baris satu');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('baris dua');
    expect(await chat.input.inputValue()).toBe('baris satu\nbaris dua');
    expect(fake.posts).toHaveLength(0);
    await page.keyboard.press('Enter');
    await chat.userMessages.first().locator('br').waitFor({ state: 'attached' });
    await until(() => fake.posts.length >= 1); // shown at once, posted just after
    expect(fake.posts[0]?.text).toBe('baris satu\nbaris dua');

    const counter = chat.dialog.locator('#hd-counter');
    await chat.input.fill('a'.repeat(3000));
    expect(await counter.isVisible()).toBe(false);
    await chat.input.fill('a'.repeat(3990));
    expect(await counter.innerText()).toBe('3990/4000');
    await chat.input.fill('');
    await chat.input.focus();
    await page.keyboard.insertText('b'.repeat(4100));
    expect((await chat.input.inputValue()).length).toBe(4000);
    expect(await counter.innerText()).toBe('4000/4000');
  });

  it('retries a lost send with the same clientMessageId: stored once, shown once', async () => {
    await hostPage('data-open="true"');
    const chat = chatDriver(page);
    await chat.status.filter({ hasText: 'Terhubung' }).waitFor();
    fake.failNextPosts('network', 1); // dropped before storing
    fake.failNextPosts('network-after-store', 1); // stored, but the answer is lost
    await chat.ask('halo, apakah ada petugas?');
    // the echo (through the stream) may come before the retry that gets the POST's answer
    await until(() => fake.posts.length >= 3);
    const posts = fake.posts;
    expect(posts.map((p) => p.outcome)).toEqual(['failed', 'stored', 'duplicate']);
    expect(new Set(posts.map((p) => p.clientMessageId)).size).toBe(1);
    expect(posts[0]!.clientMessageId).toMatch(/^[A-Za-z0-9._:-]{1,100}$/);
    expect(fake.onlySession().messages.filter((m) => m.from === 'user')).toHaveLength(1);
    await chat.userMessages.locator('.state', { hasText: 'Terkirim' }).waitFor();
    expect(await chat.userMessages.count()).toBe(1);
    expect(await chat.replies.count()).toBe(1);
  });

  it('shows the 429 error in plain Indonesian and lets the user send again', async () => {
    await hostPage('data-open="true"');
    const chat = chatDriver(page);
    await chat.status.filter({ hasText: 'Terhubung' }).waitFor();
    fake.failNextPosts(429, 1);
    await chat.say('tolong bantu saya');
    await chat.status.filter({ hasText: 'Terlalu banyak pesan' }).waitFor();
    const failed = chat.userMessages.last();
    await failed.locator('.state', { hasText: 'Gagal terkirim' }).waitFor();
    const before = await chat.replies.count();
    await failed.getByRole('button', { name: 'Kirim ulang pesan' }).click();
    await chat.waitForReplies(before);
    await failed.locator('.state', { hasText: 'Terkirim' }).waitFor();
    await chat.status.filter({ hasText: /^Terhubung$/ }).waitFor();
    expect(fake.onlySession().messages.filter((m) => m.from === 'user').map((m) => m.text)).toEqual(['tolong bantu saya']);
  });

  it('shows a 400 error body from the API', async () => {
    await hostPage('data-open="true"');
    const chat = chatDriver(page);
    await chat.status.filter({ hasText: 'Terhubung' }).waitFor();
    fake.failNextPosts(400, 1);
    await chat.say('pesan yang ditolak');
    await chat.status.filter({ hasText: 'Pesan kosong. Silakan tulis pesan Anda.' }).waitFor();
    expect(await chat.status.getAttribute('class')).toContain('status-error');
  });

  it('reconnects after the stream drops and catches up on what it missed, without duplicates', async () => {
    await hostPage('data-open="true"');
    const chat = chatDriver(page);
    await chat.status.filter({ hasText: 'Terhubung' }).waitFor();
    await chat.ask('link simpeg pemkab cirebon apa ya?');
    const session = fake.onlySession();
    const opensBefore = fake.streamOpens;
    fake.dropStreams();
    // written while nobody listens: only the history has them
    fake.pushBot(session.id, 'Pesan pertama saat terputus', undefined, 'bot', false);
    fake.pushBot(session.id, 'Balasan **petugas** saat terputus', undefined, 'agent', false);
    await chat.replies.filter({ hasText: 'Balasan petugas saat terputus' }).waitFor();
    expect(fake.streamOpens).toBeGreaterThan(opensBefore);
    const texts = await chat.replies.locator('.bubble').allInnerTexts();
    expect(texts.slice(-2)).toEqual(['Pesan pertama saat terputus', 'Balasan petugas saat terputus']);
    expect(await chat.replies.last().getAttribute('class')).toContain('msg-agent');
    await chat.status.filter({ hasText: 'Terhubung' }).waitFor();
    // live messages after the reconnect arrive through the stream, once, in order
    fake.pushBot(session.id, 'Satu');
    fake.pushBot(session.id, 'Dua');
    fake.pushBot(session.id, 'Tiga');
    await chat.replies.filter({ hasText: 'Tiga' }).waitFor();
    const all = await chat.replies.locator('.bubble').allInnerTexts();
    expect(all.slice(-3)).toEqual(['Satu', 'Dua', 'Tiga']);
    const ids = await chat.dialog.locator('.msg[data-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(session.messages.length);
  });

  it('falls back to polling when the stream is unavailable', async () => {
    fake.streamEnabled = false;
    await hostPage('data-open="true"');
    const chat = chatDriver(page);
    const answer = await chat.ask('link simpeg pemkab cirebon apa ya?');
    expect(answer).toContain('www.simpeg.cirebonkab.go.id');
    fake.pushBot(fake.onlySession().id, 'Pesan dari petugas lewat polling', undefined, 'agent', false);
    await chat.replies.filter({ hasText: 'Pesan dari petugas lewat polling' }).waitFor();
    expect(await chat.userMessages.count()).toBe(1);
  });

  it('starts a new session when the stored one is unknown (404) and still delivers the message', async () => {
    await hostPage('data-open="true"');
    const chat = chatDriver(page);
    await chat.status.filter({ hasText: 'Terhubung' }).waitFor();
    const first = fake.onlySession().id;
    const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('helpdesk-spbe-cirebon:webchat:v1:')));
    expect(stored).toHaveLength(1);
    fake.forget(first);
    await chat.ask('link simpeg pemkab cirebon apa ya?');
    expect(fake.sessionsCreated).toBe(2);
    const second = fake.onlySession();
    expect(second.id).not.toBe(first);
    expect(second.messages.filter((m) => m.from === 'user').map((m) => m.text)).toEqual(['link simpeg pemkab cirebon apa ya?']);
    await chat.dialog.locator('.note', { hasText: 'Percakapan baru dimulai' }).waitFor();
    const saved = await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '{}').sessionId, stored[0]!);
    expect(saved).toBe(second.id);
  });

  it('counts unread replies on the launcher while the panel is closed', async () => {
    await hostPage('data-open="true"');
    const chat = chatDriver(page);
    await chat.status.filter({ hasText: 'Terhubung' }).waitFor();
    await chat.closeButton.click();
    fake.pushBot(fake.onlySession().id, 'Tiket Anda sedang diproses.');
    await page.getByRole('button', { name: /1 pesan baru/ }).waitFor();
    await chat.launcher.click();
    await chat.replies.filter({ hasText: 'Tiket Anda sedang diproses.' }).waitFor();
    expect(await chat.launcher.getAttribute('aria-label')).not.toMatch(/pesan baru/);
  });

  it('fills a 375x667 phone screen without horizontal scroll', async () => {
    await page.setViewportSize({ width: 375, height: 667 });
    await page.goto(`${fake.url}/`);
    const chat = chatDriver(page);
    await chat.status.filter({ hasText: 'Terhubung' }).waitFor();
    await chat.ask('link simpeg pemkab cirebon apa ya?');
    const box = await chat.dialog.boundingBox();
    expect(box).toEqual({ x: 0, y: 0, width: 375, height: 667 });
    const scroll = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, view: document.documentElement.clientWidth }));
    expect(scroll.page).toBeLessThanOrEqual(scroll.view);
    const panelOverflow = await inWidget<boolean>(page, "const s = root.querySelector('.scroller'); return s.scrollWidth > s.clientWidth;");
    expect(panelOverflow).toBe(false);
    // touch targets
    for (const button of [chat.sendButton, chat.closeButton]) {
      const b = await button.boundingBox();
      expect(b!.width).toBeGreaterThanOrEqual(44);
      expect(b!.height).toBeGreaterThanOrEqual(44);
    }
    await page.screenshot({ path: '/tmp/webchat-fake-phone.png' });
    // closed: the page itself has no horizontal scroll either
    await chat.closeButton.click();
    await chat.launcher.waitFor();
    const closed = await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
    expect(closed).toBe(true);
  });
});
