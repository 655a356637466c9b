import { createHash } from 'node:crypto';

/**
 * The `webhook-id` of one event's delivery to one destination: a hash of the pair, so a
 * fan-out re-run after a crash (the event consumed again) yields the same id and receivers
 * can drop the duplicate. `msg_` + 26 base32 characters (130 bits), like Svix's ids.
 */
export function deliveryIdFor(eventId: string, destination: string): string {
  const digest = createHash('sha256').update(`${eventId}\n${destination}`).digest();
  return `msg_${base32(digest).slice(0, 26)}`;
}

/** The destination part of a delivery id: a configured webhook, or an ad-hoc URL. */
export const destinationKey = {
  webhook: (webhookId: string) => `webhook:${webhookId}`,
  url: (url: string) => `url:${url}`,
  /** The account's operational webhook (decision 065). */
  operational: (accountId: string) => `operational:${accountId}`,
};

const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';

function base32(bytes: Buffer): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}
