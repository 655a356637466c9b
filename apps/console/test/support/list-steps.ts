import { waitFor } from '@leadhooks/testing';
import type { Page } from 'playwright-core';
import {
  allPages,
  callApi,
  expectAccessible,
  heading,
  nav,
  signedInPage,
  type ConsoleWorld,
} from './console-world';

const rows = (page: Page) => page.locator('tbody tr');

async function rowCount(page: Page, count: number, what: string): Promise<void> {
  await waitFor(what, async () => ((await rows(page).count()) === count ? true : undefined), {
    timeoutMs: 15_000,
    intervalMs: 200,
  });
}

/** The hrefs of the deliveries listed: whole ids, where the cells show them cut. */
async function listedIds(page: Page): Promise<string[]> {
  // A string, not a function: the spec is compiled without the DOM's types.
  return (await page.evaluate(
    "[...document.querySelectorAll('tbody tr td:first-child a')].map((a) => a.getAttribute('href'))",
  )) as string[];
}

/** Waits until A has `count` dead deliveries (a failing receiver's lead exhausted its retries). */
export async function waitForDead(world: ConsoleWorld, count: number): Promise<void> {
  await waitFor(
    `${count} dead deliveries`,
    async () => {
      const dead = await allPages(world, world.keyA, '/v1/deliveries?status=dead');
      return dead.length === count ? true : undefined;
    },
    { timeoutMs: 90_000, intervalMs: 500 },
  );
}

/** One dead delivery of A: the status filter finds it alone, a reload keeps it, others narrow to none. */
export async function checkDeliveryFilters(world: ConsoleWorld, dead: number): Promise<void> {
  const { page, keyA } = world;
  const everything = await allPages<{ id: string }>(world, keyA, '/v1/deliveries');
  await nav(page, 'Deliveries').click();
  await heading(page, 'Deliveries').waitFor();
  await rowCount(page, everything.length, `all ${everything.length} deliveries`);

  await page.getByLabel('Status').selectOption('dead');
  await page.getByRole('button', { name: 'Filter' }).click();
  await rowCount(page, dead, 'only the dead');
  expect(page.url()).toContain('status=dead');
  await page.reload();
  await rowCount(page, dead, 'only the dead after a reload');
  expect(await page.getByLabel('Status').inputValue()).toBe('dead');
  await page.locator('tbody').getByText('dead letter', { exact: true }).first().waitFor();
  await expectAccessible(page);

  await page.getByLabel('Event type').fill('lookup.completed');
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.getByText('No delivery matches these filters.').waitFor();

  await page.getByRole('link', { name: 'Clear' }).click();
  await rowCount(page, everything.length, 'all again');
  const tomorrow = new Date(Date.now() + 86_400_000 - new Date().getTimezoneOffset() * 60_000);
  await page.getByLabel('Created from').fill(tomorrow.toISOString().slice(0, 16));
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.getByText('No delivery matches these filters.').waitFor();
  expect(page.url()).toContain('from=');
}

/**
 * B's 53 deliveries page 50 then 3 in B's own tab, back and forth and through a reload;
 * A's list never shows one of them.
 */
export async function checkPagingAndIsolation(world: ConsoleWorld): Promise<void> {
  const { page, keyA, keyB } = world;
  for (let i = 0; i < 53; i++)
    await callApi(world, keyB, 'POST', '/v1/leads', {
      email: `b${i}@example.com`,
      website: 'example.com',
    });
  const ofB = await waitFor(
    "B's 53 deliveries",
    async () => {
      const listed = await allPages<{ id: string }>(world, keyB, '/v1/deliveries?status=delivered');
      return listed.length === 53 ? listed : undefined;
    },
    { timeoutMs: 90_000, intervalMs: 500 },
  );

  const ofA = await allPages<{ id: string }>(world, keyA, '/v1/deliveries');
  await page.goto(`${world.stack.gateway}/console/#/deliveries`);
  await rowCount(page, ofA.length, "A's deliveries only");
  const shownToA = await listedIds(page);
  for (const { id } of ofB) expect(shownToA).not.toContain(`#/deliveries/${id}`);
  expect(await page.getByRole('cell', { name: 'Account B only' }).count()).toBe(0);

  const pageB = await signedInPage(world, keyB);
  await nav(pageB, 'Deliveries').click();
  await rowCount(pageB, 50, 'a first page of 50');
  const first = await listedIds(pageB);
  await pageB.getByRole('link', { name: 'Older' }).click();
  await rowCount(pageB, 3, 'a second page of 3');
  const second = await listedIds(pageB);
  expect(new Set([...first, ...second]).size).toBe(53);
  await pageB.getByText('Page 2').waitFor();
  await expectAccessible(pageB);
  await pageB.reload();
  await rowCount(pageB, 3, 'the second page after a reload');
  await pageB.getByRole('link', { name: 'Newer' }).click();
  await rowCount(pageB, 50, 'the first page again');
  expect(await listedIds(pageB)).toEqual(first);
  expect(await pageB.getByText('Lead Tracking Webhook').count()).toBe(0);
  await pageB.context().close();
}
