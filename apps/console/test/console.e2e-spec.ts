import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startHttpReceiver, waitFor, workspaceRoot } from '@leadhooks/testing';
import type { Page } from 'playwright-core';
import { checkAccountPage } from './support/account-steps';
import { checkNarrowScreen } from './support/layout-steps';
import {
  callApi,
  expectAccessible,
  heading as headingOf,
  launchChromium,
  nav as navOf,
  shoot as shootIn,
  type ConsoleWorld,
} from './support/console-world';
import { checkHealthAfterDeadLetter, checkHealthAfterDeliveries } from './support/health-steps';
import { checkDeliveryFilters, checkPagingAndIsolation, waitForDead } from './support/list-steps';
import { startConsoleStack } from './support/stack';

// Build, three apps, deliveries that fail four times and are replayed, 53 leads of B.
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
  const world = { screenshots } as ConsoleWorld;
  let page: Page;
  let failing = false;

  const api = (key: string, method: string, path: string, body?: unknown) =>
    callApi(world, key, method, path, body);
  const accessible = () => expectAccessible(page);
  const shoot = (name: string) => shootIn(world, name);
  const heading = (name: string) => headingOf(page, name);
  const nav = (name: string) => navOf(page, name);

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    world.receiver = await startHttpReceiver((_request, response) => {
      response.statusCode = failing ? 500 : 200;
      response.end(failing ? 'failing on purpose' : 'ok');
    });
    world.stack = await startConsoleStack();
    world.keyA = await world.stack.createAccount('Console A');
    world.keyB = await world.stack.createAccount('Console B');
    world.browser = await launchChromium();
    // axe is injected as a script: the console's Content-Security-Policy would refuse it.
    const context = await world.browser.newContext({
      viewport: { width: 1280, height: 800 },
      bypassCSP: true,
    });
    world.page = page = await context.newPage();
  });

  afterAll(async () => {
    await world.browser?.close();
    await world.stack?.stop();
    await world.receiver?.close();
  });

  it('refuses a wrong key in words, then signs in with the right one', async () => {
    await page.goto(`${world.stack.gateway}/console/`);
    await expect(heading('leadhooks console').isVisible()).resolves.toBe(true);
    await accessible();
    await page.getByLabel('API key').fill('lh_wrong_key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByRole('alert')
      .getByText('This API key is not accepted: it is wrong, or it was revoked.')
      .waitFor();

    await page.getByLabel('API key').fill(world.keyA);
    await page.keyboard.press('Enter');
    await heading('Webhooks').waitFor();
    await page.getByText('No webhooks yet').waitFor();
    // The key stays in this tab's sessionStorage only.
    expect(await page.evaluate('Object.keys(localStorage).length')).toBe(0);
    expect(await page.evaluate('Object.values(sessionStorage)')).toContain(world.keyA);
  });

  it('creates, edits and tests a webhook to the loopback receiver and shows its secret', async () => {
    await page.getByRole('link', { name: 'New webhook' }).click();
    await heading('New webhook').waitFor();
    await page.getByLabel('Name').fill('Lead Tracking (draft)');
    await page.getByLabel('URL').fill(world.receiver.url('/leads'));
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
  });

  it('shows a saved lead as a delivery with its attempt and the body sent', async () => {
    await api(world.keyA, 'POST', '/v1/leads', {
      email: 'ada@example.com',
      website: 'example.com',
      first_name: 'Ada',
      score: 80,
    });
    await nav('Webhooks').click();
    await page.getByRole('link', { name: 'Lead Tracking Webhook' }).waitFor();
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

  it('shows endpoint health, on the list and the webhook page, once deliveries landed', () =>
    checkHealthAfterDeliveries(world));

  it('shows a dead letter and the outcome of its replay as it lands', async () => {
    failing = true;
    await api(world.keyA, 'POST', '/v1/leads', {
      email: 'grace@example.com',
      website: 'example.com',
    });
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
    expect(world.receiver.requests.filter((request) => request.url === '/leads')).toHaveLength(
      2 + 4 + 1,
    );
  });

  it('replays every dead letter of a webhook in a time range', async () => {
    failing = true;
    await api(world.keyA, 'POST', '/v1/leads', {
      email: 'alan@example.com',
      website: 'example.com',
    });
    const replay = page.getByRole('button', { name: /^Replay delivery/ });
    await replay.waitFor({ timeout: 90_000 });
    failing = false;
    await page.getByLabel('Webhook').selectOption({ label: 'Lead Tracking Webhook' });
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/webhook_id=/);
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
    expect(world.receiver.requests.filter((request) => request.url === '/leads')).toHaveLength(
      2 + 4 + 1 + 4 + 1,
    );
  });

  it('narrows deliveries by status, event type and time, kept in the URL; health names the error', async () => {
    failing = true;
    await api(world.keyA, 'POST', '/v1/leads', {
      email: 'edsger@example.com',
      website: 'example.com',
    });
    await waitForDead(world, 1);
    failing = false;
    await checkDeliveryFilters(world, 1);
    await checkHealthAfterDeadLetter(world);
  });

  it("never shows another account's webhooks", async () => {
    const other = await api(world.keyB, 'POST', '/v1/webhooks', {
      name: 'Account B only',
      url: world.receiver.url('/b'),
    });
    await nav('Webhooks').click();
    await page.getByRole('link', { name: 'Lead Tracking Webhook' }).waitFor();
    expect(await page.getByText('Account B only').count()).toBe(0);
    await page.goto(`${world.stack.gateway}/console/#/webhooks/${String(other.id)}`);
    await page.getByRole('alert').waitFor();
    expect(await page.getByText('Account B only').count()).toBe(0);
  });

  it('lays out on a narrow screen without sideways scrolling and moves by keyboard', () =>
    checkNarrowScreen(world));

  it("pages another account's deliveries in its own tab, none of them in the first's", () =>
    checkPagingAndIsolation(world));

  it("shows the account's webhook_url secret and sets its operational webhook", () =>
    checkAccountPage(world));

  it('sends a tab whose key stopped working back to sign-in with a message', async () => {
    await page.evaluate(
      "for (const name of Object.keys(sessionStorage)) sessionStorage.setItem(name, 'lh_revoked')",
    );
    await page.reload();
    await heading('leadhooks console').waitFor();
    await page
      .getByText('This API key is not accepted: it is wrong, or it was revoked. Sign in again.')
      .waitFor();
    expect(await page.evaluate('Object.values(sessionStorage)')).not.toContain('lh_revoked');
  });
});
