import { z } from 'zod';

const instant = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time with offset' })
  .transform((value) => new Date(value));

/** POST /v1/webhooks/{id}/backfill */
export const StartBackfillBody = z
  .strictObject({
    since: instant.meta({
      description:
        'Replay save_lead events saved at or after this time; no earlier than the topic retains',
    }),
    until: instant
      .optional()
      .meta({ description: 'Saved before this time (exclusive); default: now' }),
  })
  .meta({ description: "A window of the account's save_lead events to replay to one webhook" });
export type StartBackfillInput = z.output<typeof StartBackfillBody>;

export const backfillStatuses = ['queued', 'running', 'completed', 'cancelled'] as const;
export type BackfillStatus = (typeof backfillStatuses)[number];

const timestamp = z.string().meta({ format: 'date-time' });

export const BackfillResource = z
  .object({
    id: z.uuid(),
    webhook_id: z.uuid(),
    status: z.enum(backfillStatuses),
    since: timestamp,
    until: timestamp,
    earliest_available: timestamp
      .nullable()
      .meta({ description: 'How far back a backfill could reach when this one started' }),
    progress_percent: z.number().meta({ description: 'Records of the window read, 0 to 100' }),
    records_total: z.number().int().meta({ description: 'Records of all accounts in the window' }),
    records_read: z.number().int(),
    deliveries_sent: z
      .number()
      .int()
      .meta({ description: "This account's events sent to the webhook" }),
    deliveries_skipped: z.number().int().meta({
      description:
        'Events the webhook already has a delivery for (same webhook-id): not sent again',
    }),
    error: z.string().nullable(),
    created_at: timestamp,
    finished_at: timestamp.nullable(),
  })
  .meta({ description: 'A backfill of one webhook and how far it got' });
export type BackfillView = z.infer<typeof BackfillResource>;
