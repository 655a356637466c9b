import { z } from 'zod';

const at = z.iso.datetime({ offset: true });

/** `webhook.disabled`'s data (README: "Operational webhooks"). */
export const WebhookDisabledData = z.strictObject({
  webhook_id: z.string(),
  reason: z.string(),
  disabled_at: at,
  /** The first failure of the run that disabled it; null when the count of dead letters did. */
  failing_since: at.nullable(),
  consecutive_dead_letters: z.number().int().min(0),
  /** The delivery whose failure tipped it. */
  delivery_id: z.string(),
});
export type WebhookDisabledData = z.infer<typeof WebhookDisabledData>;

/** `delivery.dead_lettered`'s data. `webhook_id` is null for an ad-hoc `webhook_url` delivery. */
export const DeliveryDeadLetteredData = z.strictObject({
  webhook_id: z.string().nullable(),
  delivery_id: z.string(),
  event_id: z.string(),
  event_type: z.string(),
  reason: z.string(),
  attempts: z.number().int().min(0),
  dead_lettered_at: at,
});
export type DeliveryDeadLetteredData = z.infer<typeof DeliveryDeadLetteredData>;

/** The body an operational webhook receives: `{ type, timestamp, data }`. */
function operationalBody<T extends string, D extends z.ZodType>(type: T, data: D) {
  return z.strictObject({ type: z.literal(type), timestamp: at, data });
}
export const WebhookDisabledBody = operationalBody('webhook.disabled', WebhookDisabledData);
export const DeliveryDeadLetteredBody = operationalBody(
  'delivery.dead_lettered',
  DeliveryDeadLetteredData,
);
