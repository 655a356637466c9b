import type { DeliveryMessage, RetryTierTopic } from '@leadhooks/contracts';
import type { OutboundClient } from '@leadhooks/outbound-http';
import {
  decideNext,
  formatDuration,
  type DeliveryDecision,
  type RetryPolicy,
} from '@leadhooks/retry-policy';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER, OUTBOUND_CLIENT } from '../app/tokens';
import { DISPATCHER_CONFIG, type DispatcherConfig } from '../config/dispatcher.config';
import { DispatcherMetrics } from '../metrics/dispatcher.metrics';
import { WebhookHealth } from '../operational/webhook-health';
import { DeliveryLog, type AttemptRecord } from './delivery-log';
import { DeliveryTargets, type DeliveryTarget } from './delivery-target';
import { DeliveryRouter, withoutSchedule } from './delivery.router';
import { deliveryLogContext } from './delivery.log-context';
import { prepareRequest } from './delivery.request';
import { OutcomeWrites } from './outcome-writes';

/**
 * One attempt of one delivery, as stages: resolve the target, prepare and sign the
 * request, send it, decide, and make the decision durable (logged in Postgres, and
 * forwarded to the next topic when it is a retry or a dead letter). The caller commits the
 * Kafka offset only after `attempt` resolves. Everything before the send may throw (the
 * record is then handled again, nothing was sent); nothing after it may: each write of the
 * known outcome is retried on its own until it lands, so a send is never repeated because
 * bookkeeping failed (decision 061).
 */
@Injectable()
export class DeliveryWorker {
  constructor(
    private readonly targets: DeliveryTargets,
    private readonly log: DeliveryLog,
    private readonly router: DeliveryRouter,
    private readonly health: WebhookHealth,
    private readonly metrics: DispatcherMetrics,
    private readonly writes: OutcomeWrites,
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
    // The retry's delay counts from here, not from however long recording this takes.
    const endedAt = Date.now();
    this.metrics.attempted(outcome);
    const attemptNumber = message.attemptsMade + 1;
    const policy = this.policyFor(target);
    const decision = decideNext(outcome, attemptNumber, { policy });
    const retrySchedule = policy.delaysMs.map(formatDuration).join(',');
    const retryTier = await this.apply(
      message,
      decision,
      { url: target.url, outcome, startedAt, retrySchedule },
      endedAt,
    );
    const made = { ...message, attemptsMade: attemptNumber };
    await this.health.afterAttempt(
      made,
      decision,
      target.failures,
      new Date(endedAt),
      (what, write) => this.writes.durably(what, deliveryLogContext(made), write),
    );
    this.metrics.decided(decision, retryTier);
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

  /** The webhook's own schedule when it has one (read at send time, like its URL; 013). */
  private policyFor(target: DeliveryTarget): RetryPolicy {
    if (target.retryDelaysMs === null) return this.config.retryPolicy;
    const divisor = this.config.WEBHOOK_RETRY_SCHEDULE_DIVISOR;
    return {
      ...this.config.retryPolicy,
      delaysMs: target.retryDelaysMs.map((ms) => Math.max(1, Math.round(ms / divisor))),
    };
  }

  /** Makes the decision durable; a retry resolves with the tier topic it went to. */
  private async apply(
    message: DeliveryMessage,
    decision: DeliveryDecision,
    attempt: AttemptRecord,
    endedAt: number,
  ): Promise<RetryTierTopic | undefined> {
    const made: DeliveryMessage = { ...message, attemptsMade: message.attemptsMade + 1 };
    // One step at a time, each retried alone: a log row written is never written twice.
    const durably = (what: string, write: () => Promise<void>) =>
      this.writes.durably(what, deliveryLogContext(made), write);
    const logAs = (status: 'delivered' | 'retrying' | 'dead') =>
      durably('attempt log row', () => this.log.recordAttempt(made, attempt, status));
    switch (decision.kind) {
      case 'delivered':
        await logAs('delivered');
        return undefined;
      case 'retry': {
        await logAs('retrying');
        const notBefore = new Date(endedAt + decision.delayMs);
        let tier: RetryTierTopic | undefined;
        await durably('retry record', async () => {
          tier = await this.router.toRetry(made, notBefore);
        });
        return tier;
      }
      case 'dead-letter':
      case 'disable':
        // A disabled webhook: WebhookHealth disables it and tells the account.
        await logAs('dead');
        await this.deadLetter(made, decision.message, durably);
        return undefined;
    }
  }

  /** Postgres first (what the API shows and replays from), then the dlq topic. */
  private async deadLetter(
    message: DeliveryMessage,
    reason: string,
    durably: (what: string, write: () => Promise<void>) => Promise<void>,
  ): Promise<void> {
    const at = new Date();
    const parked = withoutSchedule(message);
    await durably('dead letter row', () => this.log.recordDeadLetter(parked, reason, at));
    await durably('dead letter record', () => this.router.toDeadLetters(parked, reason, at));
  }
}
