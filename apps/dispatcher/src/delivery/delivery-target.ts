import type { DeliveryMessage } from '@leadhooks/contracts';
import type { OutboundMethod } from '@leadhooks/outbound-http';
import { Injectable } from '@nestjs/common';
import { signingMaterial, signingSecrets } from '../webhooks/webhook.record';
import { WebhooksStore } from '../webhooks/webhooks.store';
import type { FailureHistory } from '../operational/failure-rule';
import { OperationalWebhookStore } from '../operational/operational-webhook.store';
import { AccountSecrets } from './account-secrets';

/** Where and how one attempt is sent, as the configuration says at send time. */
export interface DeliveryTarget {
  url: string;
  method: OutboundMethod;
  headers: Record<string, string>;
  /** `whsec_` secrets (v1): current first; the previous one too while a rotation overlaps. */
  secrets: string[];
  /** `whsk_` ed25519 keys (v1a), likewise; empty for HMAC-only webhooks (075). */
  signingKeys: string[];
  /** The webhook's own retry delays (ms); null: the deployment's schedule. */
  retryDelaysMs: readonly number[] | null;
  /** The webhook's failure history when read (cached, 013); none for other destinations. */
  failures: FailureHistory;
}

const noFailures: FailureHistory = { failingSince: null, consecutiveDeadLetters: 0 };

export type TargetResolution =
  | { kind: 'send'; target: DeliveryTarget }
  | { kind: 'cancel'; reason: string };

/**
 * A configured webhook is read at send time (through a cache of `DISPATCHER_WEBHOOK_CACHE_MS`,
 * decision 013), so a retry follows a changed URL or header and a disabled or deleted
 * webhook gets nothing more. The secrets' overlap is judged per attempt, not per read. The webhook is looked up within the
 * message's account: a message can never reach another account's webhook.
 */
@Injectable()
export class DeliveryTargets {
  constructor(
    private readonly webhooks: WebhooksStore,
    private readonly accountSecrets: AccountSecrets,
    private readonly operational: OperationalWebhookStore,
  ) {}

  async resolve(message: DeliveryMessage, now: Date): Promise<TargetResolution> {
    const destination = message.destination;
    if (destination.kind === 'webhook_url') {
      const secrets = await this.accountSecrets.signingSecretsOf(message.accountId, now);
      return {
        kind: 'send',
        target: {
          url: destination.url,
          method: 'POST',
          headers: {},
          secrets,
          signingKeys: [],
          retryDelaysMs: null,
          failures: noFailures,
        },
      };
    }
    if (destination.kind === 'operational') {
      const webhook = await this.operational.find(message.accountId);
      if (webhook === undefined)
        return { kind: 'cancel', reason: 'the operational webhook was removed' };
      return {
        kind: 'send',
        target: {
          url: webhook.url,
          method: 'POST',
          headers: webhook.headers,
          secrets: signingSecrets(webhook, now),
          signingKeys: [],
          retryDelaysMs: null,
          failures: noFailures,
        },
      };
    }
    const webhook = await this.webhooks.findForAttempt(message.accountId, destination.webhookId);
    if (webhook === undefined) return { kind: 'cancel', reason: 'the webhook was deleted' };
    if (!webhook.enabled) {
      return {
        kind: 'cancel',
        reason: `the webhook is disabled${webhook.disabledReason ? ` (${webhook.disabledReason})` : ''}`,
      };
    }
    return {
      kind: 'send',
      target: {
        url: webhook.url,
        method: webhook.method,
        headers: webhook.headers,
        ...signingMaterial(webhook, now),
        retryDelaysMs: webhook.retryScheduleMs,
        failures: {
          failingSince: webhook.failingSince,
          consecutiveDeadLetters: webhook.consecutiveDeadLetters,
        },
      },
    };
  }
}
