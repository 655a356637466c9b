import { callApi, expectAccessible, heading, nav, type ConsoleWorld } from './console-world';

/**
 * The account page: the webhook_url secret, then the operational webhook set from the
 * page (a bad URL refused in words first), shown, its secret revealed; B never sees it.
 */
export async function checkAccountPage(world: ConsoleWorld): Promise<void> {
  const { page, receiver } = world;
  await nav(page, 'Account').click();
  await heading(page, 'Account').waitFor();
  await page.getByText('No lookup was called with webhook_url').waitFor();
  const lookups = page.getByRole('region', { name: 'webhook_url secret' });
  await lookups.getByRole('button', { name: 'Reveal secret' }).click();
  await expect(lookups.locator('code.secret').textContent()).resolves.toMatch(/^whsec_/);

  const ops = page.getByRole('region', { name: 'Operational webhook' });
  await ops.getByText('None set').waitFor();
  await expectAccessible(page);
  await ops.getByLabel('Operational webhook URL').fill('ftp://ops.invalid/in');
  await ops.getByRole('button', { name: 'Set operational webhook' }).click();
  await ops.getByRole('alert').getByText('(url)').waitFor();

  const url = receiver.url('/ops');
  await ops.getByLabel('Operational webhook URL').fill(url);
  await ops.getByLabel('Extra headers').fill('X-Ops: on-call');
  await ops.getByRole('button', { name: 'Set operational webhook' }).click();
  await ops.getByText('Operational webhook saved.').waitFor();
  await ops.getByText(url, { exact: true }).waitFor();
  await ops.getByText('X-Ops: ********').waitFor();
  await ops.getByRole('button', { name: 'Reveal secret' }).click();
  await expect(ops.locator('code.secret').textContent()).resolves.toMatch(/^whsec_/);
  await expectAccessible(page);

  expect(await callApi(world, world.keyA, 'GET', '/v1/operational-webhook')).toMatchObject({ url });
  const forB = await fetch(`${world.stack.gateway}/v1/operational-webhook`, {
    headers: { authorization: `Bearer ${world.keyB}` },
  });
  expect(forB.status).toBe(404);
}
