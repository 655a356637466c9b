import type { DeliveryMessage } from '@leadhooks/contracts';
import type { DeliveryDecision } from '@leadhooks/retry-policy';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../app/tokens';
import { DISPATCHER_CONFIG, type DispatcherConfig } from '../config/dispatcher.config';
import { deliveryLogContext } from '../delivery/delivery.log-context';
import { judgeFailures, type FailureHistory, type FailureThresholds } from './failure-rule';
import { OperationalEvents } from './operational-events';
import { WebhookFailuresStore } from './webhook-failures.store';

export type Durably = (what: string, write: () => Promise<void>) => Promise<void>;

/**
 * After an attempt's outcome is logged: keeps the webhook's failure history, disables it
 * when `judgeFailures` says so, and tells the account's operational webhook of dead letters
 * and disables (decision 065). Deliveries to the operational webhook itself are never
 * judged nor reported: an operational event never causes another.
 */
@Injectable()
export class WebhookHealth {
  private readonly thresholds: FailureThresholds;

  constructor(
    private readonly failures: WebhookFailuresStore,
    private readonly events: OperationalEvents,
    @Inject(DISPATCHER_CONFIG) config: DispatcherConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.thresholds = {
      failingForMs: config.WEBHOOK_DISABLE_AFTER_FAILING_SECONDS * 1000,
      deadLettersInARow: config.WEBHOOK_DISABLE_AFTER_DEAD_LETTERS,
    };
  }

  /** `message.attemptsMade` counts the attempt; `known` is the history read with the target. */
  async afterAttempt(
    message: DeliveryMessage,
    decision: DeliveryDecision,
    known: FailureHistory,
    at: Date,
    durably: Durably,
  ): Promise<void> {
    const destination = message.destination;
    if (destination.kind === 'operational') return;
    const deadLettered = decision.kind === 'dead-letter' || decision.kind === 'disable';
    if (deadLettered) {
      await durably('dead letter event', () =>
        this.events.tell(
          message.accountId,
          {
            type: 'delivery.dead_lettered',
            data: {
              webhook_id: destination.kind === 'webhook' ? destination.webhookId : null,
              delivery_id: message.deliveryId,
              event_id: message.eventId,
              event_type: message.eventType,
              reason: decision.message,
              attempts: message.attemptsMade,
              dead_lettered_at: at.toISOString(),
            },
          },
          at,
        ),
      );
    }
    if (destination.kind !== 'webhook') return;
    const webhookId = destination.webhookId;
    if (decision.kind === 'delivered') {
      // A success on a webhook known to be healthy writes nothing (most attempts).
      if (known.failingSince === null && known.consecutiveDeadLetters === 0) return;
      return durably('failure history reset', () =>
        this.failures.recordSuccess(message.accountId, webhookId),
      );
    }
    let history: FailureHistory | undefined = known;
    // A retry of a webhook already failing changes nothing stored: judge what was read.
    if (deadLettered || known.failingSince === null) {
      await durably('failure history', async () => {
        history = await this.failures.recordFailure(message.accountId, webhookId, at, deadLettered);
      });
    }
    const verdict =
      decision.kind === 'disable'
        ? { disable: true as const, reason: decision.message }
        : history === undefined
          ? { disable: false as const }
          : judgeFailures(history, this.thresholds, at);
    if (!verdict.disable) return;
    const failed = history ?? known;
    let disabledAt: Date | undefined;
    await durably('webhook disable', async () => {
      disabledAt = await this.failures.disable(message.accountId, webhookId, verdict.reason);
    });
    // Another attempt disabled it first: that one tells.
    if (disabledAt === undefined) return;
    const when: Date = disabledAt;
    this.logger.info(
      { ...deliveryLogContext(message), reason: verdict.reason },
      'webhook disabled',
    );
    await durably('webhook disabled event', () =>
      this.events.tell(
        message.accountId,
        {
          type: 'webhook.disabled',
          data: {
            webhook_id: webhookId,
            reason: verdict.reason,
            disabled_at: when.toISOString(),
            failing_since: failed.failingSince?.toISOString() ?? null,
            consecutive_dead_letters: failed.consecutiveDeadLetters,
            delivery_id: message.deliveryId,
          },
        },
        when,
      ),
    );
  }
}
