/**
 * Launches Debian's Chromium through playwright-core for the browser tests (no bundled browser
 * download). CHROMIUM_PATH overrides the executable.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}. The browser tests need Debian's Chromium: run \`apt-get install chromium\` ` +
        '(CI installs it), or set CHROMIUM_PATH to a Chromium/Chrome executable.',
    );
  }
  return path;
}

/**
 * A headless Chromium. playwright's launch() gives it a fresh temporary user-data-dir (removed on
 * close); each `browser.newContext()` is an isolated profile (own localStorage), so tests do not leak
 * sessions into each other.
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
}

/** A page in a new isolated context, Indonesian locale, with JS errors and dialogs recorded. */
export async function openPage(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<{ page: Page; context: BrowserContext; errors: string[]; dialogs: string[]; console: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'id-ID', ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const errors: string[] = [];
  const dialogs: string[] = [];
  const consoleLines: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => consoleLines.push(`${msg.type()}: ${msg.text()}`));
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  });
  return { page, context, errors, dialogs, console: consoleLines };
}
