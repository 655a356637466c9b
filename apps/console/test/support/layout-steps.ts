import { heading, nav, shoot, type ConsoleWorld } from './console-world';

/** A phone's width: no sideways scrolling on the lists (tables scroll in their card); keys move. */
export async function checkNarrowScreen(world: ConsoleWorld): Promise<void> {
  const { page } = world;
  const width = 375;
  const scrollWidth = () => page.evaluate('document.documentElement.scrollWidth');
  await page.setViewportSize({ width, height: 740 });
  await page.goto(`${world.stack.gateway}/console/#/webhooks`);
  await page.getByRole('link', { name: 'Lead Tracking Webhook' }).waitFor();
  expect(await scrollWidth()).toBeLessThanOrEqual(width);
  await shoot(world, 'narrow');
  await page.goto(`${world.stack.gateway}/console/#/deliveries?status=delivered`);
  await page.getByText('Page 1').waitFor();
  expect(await scrollWidth()).toBeLessThanOrEqual(width);
  await nav(page, 'Dead letters').focus();
  await page.keyboard.press('Enter');
  await heading(page, 'Dead letters').waitFor();
  // Focus moved to the page's heading: the next Tab reaches the filters, not the header.
  await page.keyboard.press('Tab');
  expect(await page.evaluate('document.activeElement.id')).toBe('dl-webhook');
  await page.setViewportSize({ width: 1280, height: 800 });
}
