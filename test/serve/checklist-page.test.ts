// The --serve page in a real headless Chromium: grouped as the PSA screens are, ticking itself off when the
// feed publishes, hostile names shown as text, nothing blocked by its own Content-Security-Policy.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChecklistServer } from '../../src/cli/serve/checklist-server.js';
import { startChecklistServer } from '../../src/cli/serve/checklist-server.js';
import { launchChromium } from './browser.js';
import { FakeFeed, HOSTILE_ROLE, sampleSnapshot } from './fake-feed.js';

let browser: Browser;
let server: ChecklistServer | undefined;
let page: Page | undefined;
/** Console errors, CSP violations and dialogs: the page must cause none. */
let trouble: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await page?.close();
  await server?.close();
  page = undefined;
  server = undefined;
});

async function open(feed: FakeFeed, maxEventClients?: number): Promise<Page> {
  server = await startChecklistServer({ feed, port: 0, ...(maxEventClients !== undefined ? { maxEventClients } : {}) });
  page = await browser.newPage();
  trouble = [];
  page.on('console', (m) => { if (m.type() === 'error' && !/favicon|503/.test(m.text())) trouble.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => trouble.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => { trouble.push(`dialog: ${d.message()}`); void d.dismiss(); });
  await page.goto(server.url);
  await page.getByRole('status').filter({ hasText: 'of 4 done' }).waitFor({ timeout: 10_000 });
  return page;
}

const texts = (p: Page, selector: string): Promise<string[]> => p.locator(selector).allTextContents();
const boxOf = (p: Page, instruction: string) => p.getByRole('checkbox', { name: instruction });

describe('the --serve checklist page', () => {
  it('groups the lines by role or member, then by screen with its click path once', async () => {
    const p = await open(new FakeFeed(sampleSnapshot()));
    expect(await texts(p, 'h2')).toEqual(['Security role BrightGaugeAPI', `Security role ${HOSTILE_ROLE}`, 'API member bg-api']);
    expect(await texts(p, 'h3')).toEqual([
      'System > Security Roles > BrightGaugeAPI > Service Desk',
      `System > Security Roles > ${HOSTILE_ROLE} > Finance`,
      'System > Members > API Members > bg-api > API Keys',
    ]);
    expect(await p.locator('section.owner').first().locator('li').count()).toBe(2);
    expect(await p.getByRole('status').textContent()).toBe('1 of 4 done');
    expect(await p.locator('#target').textContent()).toContain('na.myconnectwise.net (acme)');
    // Real checkboxes a person cannot tick by hand: the PSA ticks them.
    const open1 = boxOf(p, 'Inquire Level: None -> All');
    expect(await open1.isChecked()).toBe(false);
    expect(await open1.isDisabled()).toBe(true);
    expect(await boxOf(p, 'Inquire Level: None -> My').isChecked()).toBe(true);
    expect(await p.locator('li.pending .confirm code').textContent()).toBe("cwctl apply --confirm 'member:bg-api/apiKey:prod'");
    expect(await p.locator('#banner').isHidden()).toBe(true);
    expect(await p.locator('#connection').textContent()).toMatch(/^Live:/);
    expect(trouble).toEqual([]);
  });

  it('shows a hostile role name as text: no element, no script run', async () => {
    const p = await open(new FakeFeed(sampleSnapshot()));
    expect(await p.locator('img').count()).toBe(0);
    expect(await p.locator('b').count()).toBe(0);
    expect(await p.getByText(`Add Level: None -> All <b>now</b>`).count()).toBe(1);
    expect(await p.getByRole('heading', { name: `Security role ${HOSTILE_ROLE}` }).count()).toBe(1);
    expect(trouble).toEqual([]);
  });

  it('ticks a line off by itself when the feed publishes, then shows the finished banner', async () => {
    const feed = new FakeFeed(sampleSnapshot());
    const p = await open(feed);
    const line = boxOf(p, 'Inquire Level: None -> All');
    expect(await line.isChecked()).toBe(false);

    feed.publish((s) => { s.groups[0]!.lines[0]!.status = 'done'; });
    await p.getByRole('status').filter({ hasText: '2 of 4 done' }).waitFor({ timeout: 10_000 });
    expect(await line.isChecked()).toBe(true);
    expect(await line.getAttribute('aria-checked')).toBe('true');
    expect(await p.locator('li.done').count()).toBe(2);

    feed.publish((s) => { for (const g of s.groups) for (const l of g.lines) l.status = 'done'; s.phase = 'finished'; });
    await p.locator('#banner.finished').waitFor({ state: 'visible', timeout: 10_000 });
    expect(await p.locator('#banner').textContent()).toMatch(/^Finished: every step is done/);
    expect(await p.getByRole('status').textContent()).toBe('4 of 4 done');
    expect(await p.locator('input[type=checkbox]:not(:checked)').count()).toBe(0);
    expect(trouble).toEqual([]);
  });

  it('falls back to polling when refused a push stream, and shows a stopped run as stopped', async () => {
    const feed = new FakeFeed(sampleSnapshot());
    const p = await open(feed, 0);
    await p.locator('#connection').filter({ hasText: 'Checking every few seconds' }).waitFor({ timeout: 10_000 });
    feed.publish((s) => { s.groups[2]!.lines[0]!.status = 'done'; });
    await p.getByRole('status').filter({ hasText: '2 of 4 done' }).waitFor({ timeout: 10_000 });
    expect(await boxOf(p, "create the API key 'prod'").isChecked()).toBe(true);

    feed.publish((s) => { s.phase = 'stopped'; });
    await p.locator('#banner.stopped').waitFor({ state: 'visible', timeout: 10_000 });
    expect(await p.locator('#banner').textContent()).toBe('Stopped with 2 steps left: cwctl apply has ended. Run it again to go on.');
    expect(trouble).toEqual([]);
  });

  it('says it is waiting for the first read of the PSA before there is anything to count', async () => {
    const empty = { ...sampleSnapshot(), revision: 0, done: 0, total: 0, groups: [] };
    const feed = new FakeFeed(empty);
    server = await startChecklistServer({ feed, port: 0 });
    page = await browser.newPage();
    await page.goto(server.url);
    await page.getByRole('status').filter({ hasText: 'Waiting for cwctl apply to read the PSA' }).waitFor({ timeout: 10_000 });
    expect(await page.locator('h2').count()).toBe(0);
    feed.publish((s) => { s.groups = sampleSnapshot().groups; });
    await page.getByRole('status').filter({ hasText: '1 of 4 done' }).waitFor({ timeout: 10_000 });
    expect(await page.locator('h2').count()).toBe(3);
  });

  it('keeps the final snapshot on screen after apply ends and the server closes', async () => {
    const feed = new FakeFeed(sampleSnapshot());
    const p = await open(feed);
    feed.publish((s) => { s.phase = 'stopped'; });
    await server!.close();
    await p.locator('#banner.stopped').waitFor({ state: 'visible', timeout: 10_000 });
    expect(await p.locator('#connection').textContent()).toMatch(/^cwctl apply has ended; this page no longer updates\./);
    expect(await p.locator('li').count()).toBe(4);
  });
});
