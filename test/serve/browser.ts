// Debian's Chromium, driven by playwright-core (which downloads no browser). A missing browser fails the test
// with a clear message instead of skipping it: .ci/run installs it.
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CWCTL_CHROMIUM ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: the --serve page is tested in a real browser; install it (apt-get install chromium, as .ci/run does) or point CWCTL_CHROMIUM at one`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    timeout: 25_000,
  });
}
