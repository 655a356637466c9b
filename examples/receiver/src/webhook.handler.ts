import type { IncomingMessage, ServerResponse } from 'node:http';
import { SaveLeadBody, WebhookHeaders } from '@leadhooks/contracts';
import { verify } from '@leadhooks/webhook-signing';
import { BoundedCounter, BoundedSet } from './bounded-set';
import type { ReceiverConfig } from './receiver.config';

export interface ReceivedWebhook {
  id: string;
  eventType: string | undefined;
  /** Seconds since the epoch, from `webhook-timestamp`. */
  timestamp: number;
  body: unknown;
}

export type Outcome = 'accepted' | 'duplicate' | 'failed-on-purpose' | 'refused';

export interface HandlerDeps {
  config: ReceiverConfig;
  /** One JSON line per received request; never header values or the secret. */
  log: (line: Record<string, unknown>) => void;
  /** The real work; runs after the 2xx is sent, so the sender never waits for it. */
  process: (webhook: ReceivedWebhook) => Promise<void> | void;
}

class Refusal {
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {}
}

/** The receiver's request handler: verify, drop duplicates, validate, answer, then work. */
export function webhookHandler(
  deps: HandlerDeps,
): (request: IncomingMessage, response: ServerResponse) => void {
  const seen = new BoundedSet(deps.config.rememberIds);
  const attempts = new BoundedCounter(deps.config.rememberIds);
  return (request, response) => {
    readBody(request, deps.config.maxBodyBytes).then(
      (raw) => {
        const eventType = headerOf(request, WebhookHeaders.eventType);
        const answer = (
          status: number,
          outcome: Outcome,
          extra: Record<string, unknown> = {},
        ): void => {
          response.writeHead(status, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ status: outcome, ...extra }));
          deps.log({
            time: new Date().toISOString(),
            webhookId: headerOf(request, WebhookHeaders.id),
            eventType,
            outcome,
            status,
            // Every outcome but a refusal comes after the signature checked out.
            ...(outcome === 'refused' ? {} : { signature: 'verified' }),
            ...extra,
          });
        };
        try {
          const webhook = accept(raw, request, eventType);
          if (seen.has(webhook.id)) return answer(200, 'duplicate');
          // Counted only once verified, so a forged request cannot use up the failures.
          if (attempts.increment(webhook.id) <= deps.config.failFirst)
            return answer(500, 'failed-on-purpose');
          seen.add(webhook.id);
          answer(200, 'accepted');
          setImmediate(() => {
            Promise.resolve(deps.process(webhook)).catch((error: unknown) =>
              deps.log({
                webhookId: webhook.id,
                outcome: 'processing-failed',
                error: String(error),
              }),
            );
          });
        } catch (error) {
          if (!(error instanceof Refusal)) throw error;
          answer(error.status, 'refused', { reason: error.reason });
        }
      },
      (error: unknown) => {
        const tooLarge = error instanceof Refusal;
        response.writeHead(tooLarge ? 413 : 400, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({
            status: 'refused',
            reason: tooLarge ? error.reason : 'unreadable-body',
          }),
        );
      },
    );
  };

  function accept(
    raw: Buffer,
    request: IncomingMessage,
    eventType: string | undefined,
  ): ReceivedWebhook {
    const result = verify({
      headers: request.headers,
      body: raw,
      secret: deps.config.secrets,
      publicKey: deps.config.publicKeys,
      toleranceSeconds: deps.config.toleranceSeconds,
    });
    if (!result.ok) {
      // A wrong signature is an authentication failure; a stale or malformed request is a bad one.
      throw new Refusal(result.reason === 'bad-signature' ? 401 : 400, result.reason);
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new Refusal(400, 'invalid-json');
    }
    if (eventType === 'save_lead' && !SaveLeadBody.safeParse(body).success)
      throw new Refusal(400, 'invalid-save-lead-payload');
    return { id: result.id, eventType, timestamp: result.timestamp, body };
  }
}

function headerOf(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Refusal(413, 'body-too-large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}
