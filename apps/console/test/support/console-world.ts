import { join } from 'node:path';
import type { Receiver } from '@leadhooks/testing';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, seriousAccessibilityViolations } from './browser';
import type { ConsoleStack } from './stack';

/** What the browser spec's steps share: the stack, the browser's page, keys and helpers. */
export interface ConsoleWorld {
  stack: ConsoleStack;
  browser: Browser;
  page: Page;
  receiver: Receiver;
  keyA: string;
  keyB: string;
  screenshots: string;
}

/** A JSON call of the API with a key; anything but 2xx fails the step. */
export async function callApi<T = Record<string, unknown>>(
  world: ConsoleWorld,
  key: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${world.stack.gateway}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status >= 300)
    throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
  return response.json() as Promise<T>;
}

/** Every row of a cursor-paged list, through the API. */
export async function allPages<T>(world: ConsoleWorld, key: string, path: string): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | null = null;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const suffix: string = cursor ? `${separator}cursor=${encodeURIComponent(cursor)}` : '';
    const page = await callApi<{ data: T[]; next_cursor: string | null }>(
      world,
      key,
      'GET',
      `${path}${suffix}`,
    );
    rows.push(...page.data);
    cursor = page.next_cursor;
  } while (cursor);
  return rows;
}

export async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
}

export function shoot(world: ConsoleWorld, name: string, page = world.page) {
  return page.screenshot({ path: join(world.screenshots, `${name}.png`), fullPage: true });
}

export const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });

export const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name, exact: true });

/** A second tab of its own (own sessionStorage), signed in with `key`. */
export async function signedInPage(world: ConsoleWorld, key: string): Promise<Page> {
  const context = await world.browser.newContext({
    viewport: { width: 1280, height: 800 },
    bypassCSP: true,
  });
  const page = await context.newPage();
  await page.goto(`${world.stack.gateway}/console/`);
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await heading(page, 'Webhooks').waitFor();
  return page;
}

export { launchChromium };
