import { cursorIds, decodePageCursor, encodePageCursor } from '../deliveries/page-cursor';
import { randomUUID } from 'node:crypto';
import { ConflictException, NotFoundException } from '@leadhooks/http';
import { generateSecret, generateSigningKey } from '@leadhooks/webhook-signing';
import { Inject, Injectable } from '@nestjs/common';
import { DISPATCHER_CONFIG, type DispatcherConfig } from '../config/dispatcher.config';
import { DeliveryRouter } from '../delivery/delivery.router';
import { deliveryIdFor, destinationKey } from '../fanout/delivery-id';
import { sampleSaveLead } from './sample-event';
import type { WebhookRecord } from './webhook.record';
import type { CreateWebhookInput, UpdateWebhookInput } from './webhook.schemas';
import { WebhooksStore } from './webhooks.store';

const hourMs = 3_600_000;

/** Webhook configuration of one account; another account's webhook is simply not found. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly store: WebhooksStore,
    private readonly router: DeliveryRouter,
    @Inject(DISPATCHER_CONFIG) private readonly config: DispatcherConfig,
  ) {}

  async create(accountId: string, input: CreateWebhookInput): Promise<WebhookRecord> {
    const now = new Date();
    const {
      retry_schedule: retryScheduleMs,
      signature_schemes: schemes,
      secret,
      ...fields
    } = input;
    const webhook: WebhookRecord = {
      id: randomUUID(),
      accountId,
      ...fields,
      retryScheduleMs,
      secret: secret ?? generateSecret(),
      previousSecret: null,
      previousSecretExpiresAt: null,
      signatureSchemes: schemes,
      // Made for every new webhook, so its public key can be trusted before v1a is turned on.
      signingKey: generateSigningKey(),
      previousSigningKey: null,
      previousSigningKeyExpiresAt: null,
      disabledReason: null,
      disabledAt: null,
      failingSince: null,
      consecutiveDeadLetters: 0,
      createdAt: now,
      updatedAt: now,
    };
    if (!(await this.store.insert(webhook))) throw nameTaken();
    return webhook;
  }

  /** A page of the account's webhooks, oldest first; `cursor` is a previous page's next_cursor. */
  async list(
    accountId: string,
    page: { limit: number; cursor?: string },
  ): Promise<{ webhooks: WebhookRecord[]; nextCursor: string | null }> {
    const after =
      page.cursor === undefined ? undefined : decodePageCursor(page.cursor, cursorIds.uuid);
    // One extra row tells whether there is a next page without a count query.
    const rows = await this.store.list(accountId, {
      limit: page.limit + 1,
      after: after && { createdAt: new Date(after.at), id: after.id },
    });
    const webhooks = rows.slice(0, page.limit);
    const last = webhooks.at(-1);
    const nextCursor =
      rows.length > page.limit && last !== undefined
        ? encodePageCursor({ at: last.createdAt.toISOString(), id: last.id })
        : null;
    return { webhooks, nextCursor };
  }

  async get(accountId: string, id: string): Promise<WebhookRecord> {
    const webhook = await this.store.find(accountId, id);
    if (webhook === undefined) throw new NotFoundException('No such webhook in this account');
    return webhook;
  }

  /** `headers`, when given, replaces the whole set (values are write-only, so no merge by value). */
  async update(accountId: string, id: string, input: UpdateWebhookInput): Promise<WebhookRecord> {
    const current = await this.get(accountId, id);
    const {
      retry_schedule: retryScheduleMs,
      signature_schemes: schemes,
      filter,
      ...fields
    } = input;
    const updated: WebhookRecord = {
      ...current,
      ...definedFields(fields),
      // null puts the webhook back on the default schedule (or no filter); absent leaves it.
      ...(retryScheduleMs === undefined ? {} : { retryScheduleMs }),
      ...(filter === undefined ? {} : { filter }),
      ...(schemes === undefined ? {} : { signatureSchemes: schemes }),
      updatedAt: new Date(),
    };
    // A webhook made before decision 075 gets its key when it first signs with v1a.
    if (updated.signatureSchemes.includes('v1a') && updated.signingKey === null)
      updated.signingKey = generateSigningKey();
    // Re-enabling clears why it was disabled, and its failure history (decision 065).
    if (input.enabled === true) {
      updated.disabledReason = null;
      updated.disabledAt = null;
    }
    if (input.enabled === false && current.enabled) updated.disabledAt = new Date();
    const result = await this.store.update(updated, { resetFailures: input.enabled === true });
    if (result === 'conflict') throw nameTaken();
    if (result === 'missing') throw new NotFoundException('No such webhook in this account');
    return updated;
  }

  async remove(accountId: string, id: string): Promise<void> {
    if (!(await this.store.delete(accountId, id)))
      throw new NotFoundException('No such webhook in this account');
  }

  /** `secret`: the customer's own (already checked); omitted, we make one. */
  async rotateSecret(accountId: string, id: string, secret?: string): Promise<WebhookRecord> {
    const rotated = await this.store.rotateSecret(
      accountId,
      id,
      secret ?? generateSecret(),
      this.overlapUntil(),
    );
    if (rotated === undefined) throw new NotFoundException('No such webhook in this account');
    return rotated;
  }

  /** The webhook, with a signing key made now if it had none (made before decision 075). */
  async withSigningKey(accountId: string, id: string): Promise<WebhookRecord> {
    const webhook = await this.get(accountId, id);
    if (webhook.signingKey !== null) return webhook;
    const keyed = await this.store.ensureSigningKey(accountId, id, generateSigningKey());
    if (keyed === undefined) throw new NotFoundException('No such webhook in this account');
    return keyed;
  }

  /** A new ed25519 key; the previous one signs too (a second v1a entry) for the overlap. */
  async rotateSigningKey(accountId: string, id: string): Promise<WebhookRecord> {
    const rotated = await this.store.rotateSigningKey(
      accountId,
      id,
      generateSigningKey(),
      this.overlapUntil(),
    );
    if (rotated === undefined) throw new NotFoundException('No such webhook in this account');
    return rotated;
  }

  private overlapUntil(): Date {
    return new Date(Date.now() + this.config.WEBHOOK_SECRET_OVERLAP_HOURS * hourMs);
  }

  /** Queues a sample save_lead for this webhook now; a disabled webhook would never get it. */
  async sendTestEvent(accountId: string, id: string): Promise<{ deliveryId: string }> {
    const webhook = await this.get(accountId, id);
    if (!webhook.enabled)
      throw new ConflictException(
        'The webhook is disabled; enable it to send a test event',
        'enabled',
      );
    const eventId = randomUUID();
    const deliveryId = deliveryIdFor(eventId, destinationKey.webhook(webhook.id));
    await this.router.toDeliveries([
      {
        deliveryId,
        accountId,
        eventType: 'save_lead',
        eventId,
        destination: { kind: 'webhook', webhookId: webhook.id },
        body: JSON.stringify(sampleSaveLead),
        createdAt: new Date().toISOString(),
        attemptsMade: 0,
      },
    ]);
    return { deliveryId };
  }
}

function nameTaken(): ConflictException {
  return new ConflictException('Another webhook of this account has this name', 'name');
}

function definedFields<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(input).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}
