import { DeliveryId } from '@leadhooks/contracts';
import { z } from 'zod';

const timestamp = z.string().meta({ description: 'ISO 8601 date-time' });
const count = z.number().int().min(0);
const milliseconds = z
  .number()
  .int()
  .min(0)
  .nullable()
  .meta({ description: 'Milliseconds; null when no attempt was made' });

/** The figures of one window: the deliveries created in it, and their attempts. */
export const EndpointHealthWindow = z
  .object({
    deliveries: count.meta({ description: 'Deliveries created in the window' }),
    delivered: count,
    dead: count.meta({ description: 'Dead-lettered (exhausted their retries)' }),
    in_flight: count.meta({ description: 'Pending or retrying' }),
    success_rate: z
      .number()
      .min(0)
      .max(1)
      .nullable()
      .meta({ description: 'delivered / (delivered + dead); null when none has settled' }),
    attempts: count.meta({ description: 'HTTP attempts of those deliveries' }),
    failed_attempts: count.meta({ description: 'Attempts without a 2xx answer' }),
    attempt_duration_p50_ms: milliseconds,
    attempt_duration_p95_ms: milliseconds,
  })
  .meta({ description: 'Figures over the deliveries created in a window ending now' });
export type EndpointHealthWindowView = z.infer<typeof EndpointHealthWindow>;

export const EndpointHealth = z
  .object({
    webhook_id: z.uuid(),
    as_of: timestamp.meta({ description: 'The end of both windows' }),
    enabled: z.boolean(),
    disabled_reason: z.string().nullable(),
    disabled_at: timestamp.nullable(),
    failing_since: timestamp.nullable().meta({
      description: 'Every attempt failed since then (the auto-disable clock, decision 065)',
    }),
    consecutive_dead_letters: count.meta({
      description: 'Dead letters in a row since the last success',
    }),
    last_error: z
      .object({ message: z.string(), at: timestamp, delivery_id: DeliveryId })
      .nullable()
      .meta({ description: 'The latest failed attempt of the last day; null when none failed' }),
    last_hour: EndpointHealthWindow,
    last_day: EndpointHealthWindow,
  })
  .meta({ description: "A webhook's endpoint health over the last hour and day" });
export type EndpointHealthView = z.infer<typeof EndpointHealth>;
