import type { DeliveryMessage } from '@leadhooks/contracts';
import type { DeliveryDecision } from '@leadhooks/retry-policy';
import pino from 'pino';
import type { DispatcherConfig } from '../config/dispatcher.config';
import type { FailureHistory } from './failure-rule';
import type { OperationalEvents } from './operational-events';
import type { WebhookFailuresStore } from './webhook-failures.store';
import { WebhookHealth } from './webhook-health';

const healthy: FailureHistory = { failingSince: null, consecutiveDeadLetters: 0 };
const at = new Date('2026-12-05T00:00:00Z');

function message(destination: DeliveryMessage['destination']): DeliveryMessage {
  return {
    deliveryId: 'msg_aaaaaaaaaaaaaaaaaaaaaaaaaa',
    accountId: '00000000-0000-4000-8000-000000000001',
    eventType: 'save_lead',
    eventId: 'e1',
    destination,
    body: '{}',
    createdAt: at.toISOString(),
    attemptsMade: 4,
  };
}

const toWebhook = message({ kind: 'webhook', webhookId: 'w1' });
const failure = { type: 'status', status: 500 } as const;
const decisions: Record<string, DeliveryDecision> = {
  delivered: { kind: 'delivered', status: 200 },
  retry: { kind: 'retry', topicIndex: 0, delayMs: 1000, failure, message: 'HTTP 500' },
  dead: { kind: 'dead-letter', reason: 'attempts-exhausted', failure, message: 'no retries left' },
  gone: { kind: 'disable', reason: 'gone', failure, message: 'HTTP 410: gone' },
};

/** `disabledAt` null: another attempt disabled the webhook first. */
function setup(stored: FailureHistory | undefined, disabledAt: Date | null = at) {
  const failures = {
    recordSuccess: jest.fn(async () => undefined),
    recordFailure: jest.fn(async () => stored),
    disable: jest.fn(async () => disabledAt ?? undefined),
  };
  const events = {
    tell: jest.fn(async (_accountId: string, _event: unknown, _at: Date) => undefined),
  };
  const config = {
    WEBHOOK_DISABLE_AFTER_FAILING_SECONDS: 3600,
    WEBHOOK_DISABLE_AFTER_DEAD_LETTERS: 3,
  } as DispatcherConfig;
  const health = new WebhookHealth(
    failures as unknown as WebhookFailuresStore,
    events as unknown as OperationalEvents,
    config,
    pino({ level: 'silent' }),
  );
  const durably = (_what: string, write: () => Promise<void>) => write();
  return { health, failures, events, durably };
}

const toldTypes = (events: ReturnType<typeof setup>['events']) =>
  events.tell.mock.calls.map((call) => (call[1] as { type: string }).type);

describe('WebhookHealth', () => {
  it('writes nothing for a success on a webhook read as healthy', async () => {
    const { health, failures, events, durably } = setup(undefined);
    await health.afterAttempt(toWebhook, decisions.delivered, healthy, at, durably);
    expect(failures.recordSuccess).not.toHaveBeenCalled();
    expect(events.tell).not.toHaveBeenCalled();
  });

  it('resets the history on a success after failures', async () => {
    const { health, failures, durably } = setup(undefined);
    const failing = { failingSince: new Date(at.getTime() - 1000), consecutiveDeadLetters: 1 };
    await health.afterAttempt(toWebhook, decisions.delivered, failing, at, durably);
    expect(failures.recordSuccess).toHaveBeenCalledWith(toWebhook.accountId, 'w1');
  });

  it('records the first failure, and not the retries of a webhook already failing', async () => {
    const { health, failures, durably } = setup({ failingSince: at, consecutiveDeadLetters: 0 });
    await health.afterAttempt(toWebhook, decisions.retry, healthy, at, durably);
    expect(failures.recordFailure).toHaveBeenCalledWith(toWebhook.accountId, 'w1', at, false);
    failures.recordFailure.mockClear();
    const failing = { failingSince: at, consecutiveDeadLetters: 0 };
    await health.afterAttempt(toWebhook, decisions.retry, failing, at, durably);
    expect(failures.recordFailure).not.toHaveBeenCalled();
    expect(failures.disable).not.toHaveBeenCalled();
  });

  it('disables a webhook failing longer than the window on a retry, and tells', async () => {
    const { health, failures, events, durably } = setup(undefined);
    const failing = { failingSince: new Date(at.getTime() - 3_600_000), consecutiveDeadLetters: 0 };
    await health.afterAttempt(toWebhook, decisions.retry, failing, at, durably);
    expect(failures.disable).toHaveBeenCalledWith(
      toWebhook.accountId,
      'w1',
      `every attempt failed since ${failing.failingSince.toISOString()}`,
    );
    expect(toldTypes(events)).toEqual(['webhook.disabled']);
  });

  it('tells of a dead letter, counts it, and disables at the threshold', async () => {
    const { health, failures, events, durably } = setup({
      failingSince: at,
      consecutiveDeadLetters: 3,
    });
    await health.afterAttempt(toWebhook, decisions.dead, healthy, at, durably);
    expect(failures.recordFailure).toHaveBeenCalledWith(toWebhook.accountId, 'w1', at, true);
    expect(failures.disable).toHaveBeenCalledWith(
      toWebhook.accountId,
      'w1',
      '3 deliveries in a row were dead-lettered',
    );
    expect(toldTypes(events)).toEqual(['delivery.dead_lettered', 'webhook.disabled']);
  });

  it('does not tell twice when another attempt disabled the webhook first', async () => {
    const { health, events, durably } = setup(
      { failingSince: at, consecutiveDeadLetters: 9 },
      null,
    );
    await health.afterAttempt(toWebhook, decisions.dead, healthy, at, durably);
    expect(toldTypes(events)).toEqual(['delivery.dead_lettered']);
  });

  it('disables on 410 at once, with its reason', async () => {
    const { health, failures, events, durably } = setup({
      failingSince: at,
      consecutiveDeadLetters: 1,
    });
    await health.afterAttempt(toWebhook, decisions.gone, healthy, at, durably);
    expect(failures.disable).toHaveBeenCalledWith(toWebhook.accountId, 'w1', 'HTTP 410: gone');
    expect(toldTypes(events)).toEqual(['delivery.dead_lettered', 'webhook.disabled']);
  });

  it('tells of an ad-hoc webhook_url dead letter without a webhook to judge', async () => {
    const { health, failures, events, durably } = setup(undefined);
    const adHoc = message({ kind: 'webhook_url', url: 'https://hooks.example.test/in' });
    await health.afterAttempt(adHoc, decisions.dead, healthy, at, durably);
    expect(toldTypes(events)).toEqual(['delivery.dead_lettered']);
    expect(
      (events.tell.mock.calls[0][1] as { data: { webhook_id: null } }).data.webhook_id,
    ).toBeNull();
    expect(failures.recordFailure).not.toHaveBeenCalled();
  });

  it('never judges nor reports a delivery to the operational webhook itself', async () => {
    const { health, failures, events, durably } = setup({
      failingSince: at,
      consecutiveDeadLetters: 99,
    });
    const operational = message({ kind: 'operational' });
    for (const decision of Object.values(decisions))
      await health.afterAttempt(operational, decision, healthy, at, durably);
    expect(events.tell).not.toHaveBeenCalled();
    expect(failures.recordFailure).not.toHaveBeenCalled();
    expect(failures.disable).not.toHaveBeenCalled();
  });
});
