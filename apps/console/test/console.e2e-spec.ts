import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startHttpReceiver, waitFor, workspaceRoot, type Receiver } from '@leadhooks/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, seriousAccessibilityViolations } from './support/browser';
import { startConsoleStack, type ConsoleStack } from './support/stack';

// Build, three apps, then a delivery that fails four times and is replayed.
jest.setTimeout(300_000);

// CONSOLE_SCREENSHOTS=docs/console writes the README's pictures; otherwise a temp folder.
const screenshots = process.env.CONSOLE_SCREENSHOTS
  ? resolve(workspaceRoot, process.env.CONSOLE_SCREENSHOTS)
  : join(tmpdir(), `leadhooks-console-${process.pid}`);

/**
 * The console in Debian's Chromium against the real stack: sign-in, a webhook to a
 * loopback receiver, a lead's delivery and its attempts, a dead letter replayed, another
 * account's data kept out, a rejected key sent back to sign-in, and axe on each page.
 */
describe('console in a browser', () => {
  let stack: ConsoleStack;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let receiver: Receiver;
  let failing = false;
  let keyA: string;
  let keyB: string;

  const api = async (key: string, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${stack.gateway}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(response.status).toBeLessThan(300);
    return response.json() as Promise<Record<string, unknown>>;
  };
  const accessible = async () => expect(await seriousAccessibilityViolations(page)).toEqual([]);
  const shoot = (name: string) =>
    page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
  const heading = (name: string) => page.getByRole('heading', { level: 1, name });
  const nav = (name: string) =>
    page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name, exact: true });

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    receiver = await startHttpReceiver((_request, response) => {
      response.statusCode = failing ? 500 : 200;
      response.end(failing ? 'failing on purpose' : 'ok');
    });
    stack = await startConsoleStack();
    keyA = await stack.createAccount('Console A');
    keyB = await stack.createAccount('Console B');
    browser = await launchChromium();
    // axe is injected as a script: the console's Content-Security-Policy would refuse it.
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await receiver?.close();
  });

  it('refuses a wrong key in words, then signs in with the right one', async () => {
    await page.goto(`${stack.gateway}/console/`);
    await expect(heading('leadhooks console').isVisible()).resolves.toBe(true);
    await accessible();
    await page.getByLabel('API key').fill('lh_wrong_key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('not accepted').waitFor();

    await page.getByLabel('API key').fill(keyA);
    await page.keyboard.press('Enter');
    await heading('Webhooks').waitFor();
    await page.getByText('No webhooks yet').waitFor();
    // The key stays in this tab's sessionStorage only.
    expect(await page.evaluate('Object.keys(localStorage).length')).toBe(0);
    expect(await page.evaluate('Object.values(sessionStorage)')).toContain(keyA);
  });

  it('creates, edits and tests a webhook to the loopback receiver and shows its secret', async () => {
    await page.getByRole('link', { name: 'New webhook' }).click();
    await heading('New webhook').waitFor();
    await page.getByLabel('Name').fill('Lead Tracking (draft)');
    await page.getByLabel('URL').fill(receiver.url('/leads'));
    await page.getByLabel('Extra headers').fill('X-Team: sales');
    await accessible();
    await page.getByRole('button', { name: 'Create webhook' }).click();
    await heading('Lead Tracking (draft)').waitFor();
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Name').fill('Lead Tracking Webhook');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await heading('Lead Tracking Webhook').waitFor();
    // The header was left alone in the editor, so it was kept.
    await page.getByText('X-Team: ********').waitFor();
    await page.getByRole('button', { name: 'Send test event' }).click();
    await page.getByText('Test event sent').waitFor();
    await page.getByRole('button', { name: 'Reveal secret' }).click();
    await page.getByRole('button', { name: 'Show' }).click();
    const secret = await page.locator('code.secret').textContent();
    expect(secret).toMatch(/^whsec_/);
    await accessible();
    await page.getByRole('button', { name: 'Hide' }).click();
    await shoot('webhook');
  });

  it('shows a saved lead as a delivery with its attempt and the body sent', async () => {
    await api(keyA, 'POST', '/v1/leads', {
      email: 'ada@example.com',
      website: 'example.com',
      first_name: 'Ada',
      score: 80,
    });
    await nav('Webhooks').click();
    await page.getByRole('link', { name: 'Lead Tracking Webhook' }).waitFor();
    await shoot('webhooks');
    await nav('Deliveries').click();
    await heading('Deliveries').waitFor();
    // The test event's and the lead's, newest first.
    const delivered = page.getByRole('row').filter({ hasText: 'delivered' });
    await waitFor(
      'two delivered rows',
      async () => ((await delivered.count()) === 2 ? true : undefined),
      {
        timeoutMs: 60_000,
      },
    );
    const row = delivered.first();
    await accessible();
    await shoot('deliveries');
    await row.getByRole('link').click();
    await page.getByRole('heading', { name: 'Attempts' }).waitFor();
    await page.getByRole('cell', { name: '200' }).waitFor();
    await expect(page.getByLabel('Body sent').textContent()).resolves.toContain(
      '"ada@example.com"',
    );
    await page.getByText('v1,••••••••').waitFor();
    await accessible();
    await shoot('delivery');
  });

  it('shows a dead letter and the outcome of its replay as it lands', async () => {
    failing = true;
    await api(keyA, 'POST', '/v1/leads', { email: 'grace@example.com', website: 'example.com' });
    await nav('Dead letters').click();
    await heading('Dead letters').waitFor();
    const replay = page.getByRole('button', { name: /^Replay delivery/ });
    await replay.waitFor({ timeout: 90_000 });
    await accessible();
    failing = false;
    await replay.click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Replayed' })
      .getByText('delivered')
      .waitFor({ timeout: 60_000 });
    await shoot('replayed');
    expect(receiver.requests.filter((request) => request.url === '/leads')).toHaveLength(2 + 4 + 1);
  });

  it('replays every dead letter of a webhook in a time range', async () => {
    failing = true;
    await api(keyA, 'POST', '/v1/leads', { email: 'alan@example.com', website: 'example.com' });
    const replay = page.getByRole('button', { name: /^Replay delivery/ });
    await replay.waitFor({ timeout: 90_000 });
    failing = false;
    await page.getByLabel('Webhook').selectOption({ label: 'Lead Tracking Webhook' });
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Replay all in range' }).click();
    await page.getByText('1 dead letter replayed.').waitFor();
    const outcomes = page.getByRole('status').filter({ hasText: 'Replayed' });
    await waitFor(
      'the replay delivered',
      async () =>
        (await outcomes.filter({ hasText: 'delivered' }).count()) >= 1 ? true : undefined,
      { timeoutMs: 60_000 },
    );
    expect(receiver.requests.filter((request) => request.url === '/leads')).toHaveLength(
      2 + 4 + 1 + 4 + 1,
    );
  });

  it("never shows another account's webhooks", async () => {
    const other = await api(keyB, 'POST', '/v1/webhooks', {
      name: 'Account B only',
      url: receiver.url('/b'),
    });
    await nav('Webhooks').click();
    await page.getByRole('link', { name: 'Lead Tracking Webhook' }).waitFor();
    expect(await page.getByText('Account B only').count()).toBe(0);
    await page.goto(`${stack.gateway}/console/#/webhooks/${String(other.id)}`);
    await page.getByRole('alert').waitFor();
    expect(await page.getByText('Account B only').count()).toBe(0);
  });

  it('lays out on a narrow screen without sideways scrolling and moves by keyboard', async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto(`${stack.gateway}/console/#/webhooks`);
    await page.getByRole('link', { name: 'Lead Tracking Webhook' }).waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await shoot('narrow');
    await nav('Dead letters').focus();
    await page.keyboard.press('Enter');
    await heading('Dead letters').waitFor();
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it("shows the account's webhook_url secret", async () => {
    await nav('Account').click();
    await heading('Account').waitFor();
    await page.getByText('No lookup was called with webhook_url').waitFor();
    await page.getByRole('button', { name: 'Reveal secret' }).click();
    await expect(page.locator('code.secret').textContent()).resolves.toMatch(/^whsec_/);
    await accessible();
  });

  it('sends a tab whose key stopped working back to sign-in with a message', async () => {
    await page.evaluate(
      "for (const name of Object.keys(sessionStorage)) sessionStorage.setItem(name, 'lh_revoked')",
    );
    await page.reload();
    await heading('leadhooks console').waitFor();
    await page.getByText('not accepted').waitFor();
    expect(await page.evaluate('Object.values(sessionStorage)')).not.toContain('lh_revoked');
  });
});
