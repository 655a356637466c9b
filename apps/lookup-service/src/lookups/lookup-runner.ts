import type { JsonObject, LookupEndpoint } from '@leadhooks/contracts';
import { ValidationFailedException } from '@leadhooks/http';
import { validateWebhookUrl, type OutboundPolicy } from '@leadhooks/outbound-http';
import type { LookupCompletedPublisher } from './lookup-completed.publisher';

export interface LookupContext {
  accountId: string;
  requestId: string;
  endpoint: LookupEndpoint;
  /** As the client sent it; undefined when absent. */
  webhookUrl: string | undefined;
}

/**
 * What all six endpoints share: webhook_url is checked (the configured-webhook policy)
 * before any work, the lookup runs, and with webhook_url its body is queued for the
 * dispatcher. The client gets exactly the bytes that were queued: the body goes through
 * JSON once, here, so nothing (an undefined, a Date) differs between the two.
 */
export class LookupRunner {
  constructor(
    private readonly publisher: LookupCompletedPublisher,
    private readonly policy: OutboundPolicy,
  ) {}

  async run<T extends object>(context: LookupContext, compute: () => Promise<T>): Promise<T> {
    const webhookUrl =
      context.webhookUrl === undefined ? undefined : this.checkedWebhookUrl(context.webhookUrl);
    const body = JSON.parse(JSON.stringify(await compute())) as JsonObject;
    if (webhookUrl !== undefined) {
      await this.publisher.publish({
        requestId: context.requestId,
        accountId: context.accountId,
        endpoint: context.endpoint,
        webhookUrl,
        occurredAt: new Date().toISOString(),
        body,
      });
    }
    // The round trip changes no value of a result schema (strings, numbers, booleans, nulls).
    return body as T;
  }

  private checkedWebhookUrl(input: string): string {
    const check = validateWebhookUrl(input, this.policy);
    if (!check.ok)
      throw new ValidationFailedException(
        `webhook_url is not acceptable: ${check.message}`,
        'webhook_url',
      );
    return check.url.href;
  }
}
