import type { DeliveryMessage } from '@leadhooks/contracts';
import type { OutboundClient, OutboundOutcome } from '@leadhooks/outbound-http';
import { decideNext, type DeliveryDecision } from '@leadhooks/retry-policy';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER, OUTBOUND_CLIENT } from '../app/tokens';
import { DISPATCHER_CONFIG, type DispatcherConfig } from '../config/dispatcher.config';
import { DispatcherMetrics } from '../metrics/dispatcher.metrics';
import { WebhooksStore } from '../webhooks/webhooks.store';
import { DeliveryLog } from './delivery-log';
import { DeliveryTargets } from './delivery-target';
import { DeliveryRouter, withoutSchedule } from './delivery.router';
import { deliveryLogContext } from './delivery.log-context';
import { prepareRequest } from './delivery.request';

/**
 * One attempt of one delivery, as stages: resolve the target, prepare and sign the
 * request, send it, decide, and make the decision durable (logged in Postgres, and
 * forwarded to the next topic when it is a retry or a dead letter). The caller commits the
 * Kafka offset only after `attempt` resolves.
 */
@Injectable()
export class DeliveryWorker {
  constructor(
    private readonly targets: DeliveryTargets,
    private readonly log: DeliveryLog,
    private readonly router: DeliveryRouter,
    private readonly webhooks: WebhooksStore,
    private readonly metrics: DispatcherMetrics,
    @Inject(OUTBOUND_CLIENT) private readonly http: OutboundClient,
    @Inject(DISPATCHER_CONFIG) private readonly config: DispatcherConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async attempt(message: DeliveryMessage): Promise<DeliveryDecision | { kind: 'cancelled' }> {
    const startedAt = new Date();
    const resolution = await this.targets.resolve(message, startedAt);
    if (resolution.kind === 'cancel') {
      await this.log.recordCancelled(message, resolution.reason);
      this.metrics.cancelled();
      this.logger.info(
        { ...deliveryLogContext(message), reason: resolution.reason },
        'delivery cancelled',
      );
      return { kind: 'cancelled' };
    }
    const { target } = resolution;
    const outcome = await this.http.send(prepareRequest(message, target, startedAt));
    this.metrics.attempted(outcome);
    const attemptNumber = message.attemptsMade + 1;
    const decision = decideNext(outcome, attemptNumber, { policy: this.config.retryPolicy });
    await this.apply(message, decision, { url: target.url, outcome, startedAt });
    this.metrics.decided(decision);
    // Never the request's headers or the target: they hold the webhook's own header
    // values and the signature. A success is routine (debug); a failure is worth a line.
    const level = decision.kind === 'delivered' ? 'debug' : 'info';
    // Checked first: the fields are built per attempt, thousands a second, to be dropped.
    if (!this.logger.isLevelEnabled(level)) return decision;
    this.logger[level](
      {
        ...deliveryLogContext(message, attemptNumber),
        decision: decision.kind,
        status: outcome.kind === 'response' ? outcome.status : undefined,
        error: outcome.kind === 'error' ? outcome.error : undefined,
        durationMs: outcome.durationMs,
      },
      'delivery attempt',
    );
    return decision;
  }

  private async apply(
    message: DeliveryMessage,
    decision: DeliveryDecision,
    attempt: { url: string; outcome: OutboundOutcome; startedAt: Date },
  ): Promise<void> {
    const made: DeliveryMessage = { ...message, attemptsMade: message.attemptsMade + 1 };
    switch (decision.kind) {
      case 'delivered':
        return this.log.recordAttempt(made, attempt, 'delivered');
      case 'retry': {
        await this.log.recordAttempt(made, attempt, 'retrying');
        const notBefore = new Date(
          attempt.startedAt.getTime() + attempt.outcome.durationMs + decision.delayMs,
        );
        return this.router.toRetry(made, decision.topicIndex, notBefore);
      }
      case 'dead-letter':
        await this.log.recordAttempt(made, attempt, 'dead');
        return this.deadLetter(made, decision.message);
      case 'disable':
        await this.log.recordAttempt(made, attempt, 'dead');
        if (message.destination.kind === 'webhook') {
          await this.webhooks.disable(
            message.accountId,
            message.destination.webhookId,
            decision.message,
          );
        }
        return this.deadLetter(made, decision.message);
    }
  }

  /** Postgres first (what the API shows and replays from), then the dlq topic. */
  private async deadLetter(message: DeliveryMessage, reason: string): Promise<void> {
    const at = new Date();
    const parked = withoutSchedule(message);
    await this.log.recordDeadLetter(parked, reason, at);
    await this.router.toDeadLetters(parked, reason, at);
  }
}
