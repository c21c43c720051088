// Launches Debian's Chromium headless through playwright-core (never a downloaded browser build).
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that let Chromium run as root in a container without GPU, network chatter or first-run UI. */
const flags = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export async function launchBrowser() {
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} not found: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  // Our scripts close the browser themselves on Ctrl-C (after stopping the editor), so Playwright must not exit first.
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: flags, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
}

/**
 * Opens `file` (a path in the workspace) as a person would, Ctrl+P, its name, Enter, once the workbench is up,
 * and waits until Hyperplane Lens's status bar item shows that the first analysis is done.
 */
export async function openFile(page, file, timeoutMs) {
  await page.locator('.monaco-workbench .explorer-folders-view').waitFor({ timeout: timeoutMs });
  await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } });
  await page.keyboard.press('Control+P');
  await page.keyboard.type(file);
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: timeoutMs });
  await page.keyboard.press('Enter');
  await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: timeoutMs });
  // The status bar item turns from the spinner to a count once the first analysis is done.
  await page.locator('.statusbar-item', { hasText: 'Hyperplane Lens:' }).first().waitFor({ timeout: timeoutMs });
}

/** A page of the size the screenshots use, logging the browser console's errors to `log` if given. */
export async function openPage(browser, url, log) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  if (log) {
    page.on('console', (message) => {
      if (message.type() === 'error') log(`[browser] ${message.text()}`);
    });
    page.on('pageerror', (error) => log(`[browser] page error: ${error.message}`));
  }
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  return page;
}
