import type { EndpointHealth } from '../../src/api/health-calls';
import {
  allPages,
  callApi,
  expectAccessible,
  heading,
  nav,
  shoot,
  type ConsoleWorld,
} from './console-world';

interface Listed {
  id: string;
  name: string;
  status: string;
}

/**
 * After the first deliveries: the list's compact status and the webhook page's figures
 * agree with the delivery log the API lists, and the durations with the attempts logged.
 */
export async function checkHealthAfterDeliveries(world: ConsoleWorld): Promise<void> {
  const { page, keyA } = world;
  const [webhook] = await allPages<Listed>(world, keyA, '/v1/webhooks');
  const log = await allPages<Listed>(world, keyA, `/v1/deliveries?webhook_id=${webhook.id}`);
  const delivered = log.filter((delivery) => delivery.status === 'delivered').length;
  expect(delivered).toBe(log.length);

  await nav(page, 'Webhooks').click();
  const row = page.getByRole('row').filter({ hasText: webhook.name });
  await row.getByText(`100 % delivered · ${log.length} deliveries in the last hour`).waitFor();
  await row.getByText('healthy').waitFor();
  await expectAccessible(page);
  await shoot(world, 'webhooks');

  await row.getByRole('link', { name: webhook.name }).click();
  await heading(page, webhook.name).waitFor();
  const card = page.getByRole('region', { name: 'Endpoint health' });
  const hour = card.locator('.health-window').filter({ hasText: 'Last hour' });
  await hour
    .getByText(`${log.length} (${delivered} delivered, 0 dead, 0 in flight)`, { exact: true })
    .waitFor();
  await card.getByText('none in the last 24 hours').waitFor();

  const health = await callApi<EndpointHealth>(
    world,
    keyA,
    'GET',
    `/v1/webhooks/${webhook.id}/health`,
  );
  const durations = (
    await Promise.all(
      log.map((delivery) =>
        callApi<{ attempts_log: { duration_ms: number }[] }>(
          world,
          keyA,
          'GET',
          `/v1/deliveries/${delivery.id}`,
        ),
      ),
    )
  ).flatMap((detail) => detail.attempts_log.map((attempt) => attempt.duration_ms));
  const p50 = health.last_hour.attempt_duration_p50_ms;
  expect(health.last_hour.attempts).toBe(durations.length);
  expect(p50).toBeGreaterThanOrEqual(Math.min(...durations));
  expect(p50).toBeLessThanOrEqual(Math.max(...durations));
  await hour.getByText(`${p50} ms`).first().waitFor();
  await expectAccessible(page);
  await shoot(world, 'webhook');
}

/** After a dead letter: the webhook page names the last error and counts the dead. */
export async function checkHealthAfterDeadLetter(world: ConsoleWorld): Promise<void> {
  const { page, keyA } = world;
  const [webhook] = await allPages<Listed>(world, keyA, '/v1/webhooks');
  await page.goto(`${world.stack.gateway}/console/#/webhooks/${webhook.id}`);
  const card = page.getByRole('region', { name: 'Endpoint health' });
  await card.getByText('HTTP 500', { exact: true }).waitFor({ timeout: 15_000 });
  await card
    .locator('.health-window')
    .filter({ hasText: 'Last hour' })
    .getByText(/1 dead/)
    .waitFor();
}
