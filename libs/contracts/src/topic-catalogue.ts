import { KafkaHeaders } from './headers';
import { retryTiers, retryTopics, Topics, type RetryTierTopic, type TopicName } from './topics';

export type AppName = 'leads-service' | 'lookup-service' | 'dispatcher';

export interface TopicEntry {
  description: string;
  /** What the record key is: it picks the partition, so it is what ordering holds for. */
  key: string;
  headers: readonly (typeof KafkaHeaders)[keyof typeof KafkaHeaders][];
  /** Headers present only on some records. */
  optionalHeaders?: readonly (typeof KafkaHeaders)[keyof typeof KafkaHeaders][];
  producers: readonly AppName[];
  consumers: readonly AppName[];
}

const deliveryHeaders = [KafkaHeaders.eventType, KafkaHeaders.eventId, KafkaHeaders.accountId];
const endpointKey =
  'The destination: `webhook:<webhook id>`, `url:<webhook_url>` or `operational:<account id>`, so one endpoint’s deliveries stay in order';

const delivery = (description: string, consumers: readonly AppName[]): TopicEntry => ({
  description,
  key: endpointKey,
  headers: deliveryHeaders,
  producers: ['dispatcher'],
  consumers,
});

const tierEntries = Object.fromEntries(
  retryTiers.map(({ topic, delayMs }) => [
    topic,
    delivery(
      `Retry tier (decision 061): a delivery waits here ${delayMs / 1000} s from when it was written, then is attempted or hops to a shorter tier.`,
      ['dispatcher'],
    ),
  ]),
) as Record<RetryTierTopic, TopicEntry>;
const legacyRetryEntries = Object.fromEntries(
  retryTopics.map((topic) => [
    topic,
    delivery(
      'First retry ladder (decision 011): nothing is written here any more; still read so records from before an upgrade are not stranded.',
      ['dispatcher'],
    ),
  ]),
) as Record<(typeof retryTopics)[number], TopicEntry>;

/** Every topic of `Topics`: who writes it, who reads it, its key and headers. */
export const topicCatalogue: Record<TopicName, TopicEntry> = {
  [Topics.saveLead]: {
    description:
      'A lead was saved: written from the leads-service outbox in the same transaction as the lead.',
    key: 'The lead id, so one lead’s events stay in order (aggregateVersion grows by one each)',
    headers: [KafkaHeaders.eventType, KafkaHeaders.eventId, KafkaHeaders.accountId],
    optionalHeaders: [KafkaHeaders.requestId],
    producers: ['leads-service'],
    consumers: ['dispatcher', 'lookup-service'],
  },
  [Topics.lookupsCompleted]: {
    description:
      'A lookup called with webhook_url answered; `body` is the response the client got.',
    key: 'The lookup’s request id (X-Request-Id)',
    headers: [KafkaHeaders.accountId, KafkaHeaders.requestId],
    producers: ['lookup-service'],
    consumers: ['dispatcher'],
  },
  [Topics.deliveries]: delivery(
    'One delivery of one event to one destination, not yet attempted.',
    ['dispatcher'],
  ),
  ...tierEntries,
  ...legacyRetryEntries,
  [Topics.deliveriesDlq]: delivery(
    'Deliveries that used every attempt or were refused for good; the delivery log in Postgres is what the API reads, this topic is for other teams and audits.',
    [],
  ),
};
