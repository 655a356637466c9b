import type { TopicName, TopicPayloads } from '@leadhooks/contracts';

/** Where a record sits and what travelled with it, whether or not its value parsed. */
export interface RecordMeta<T extends TopicName> {
  /** The logical topic (without the namespace). */
  topic: T;
  partition: number;
  /** int64 as a decimal string, as Kafka offsets exceed 2^53. */
  offset: string;
  /** The record's timestamp, ms since the epoch. */
  timestamp: number;
  key: string | null;
  /** UTF-8 decoded; for a repeated header, its last value (as Kafka's `lastHeader`). */
  headers: Record<string, string>;
}

/**
 * A record whose value parsed with its topic's schema. Distributive over `T`, so a handler
 * subscribed to several topics can `switch (message.topic)` and get the matching `value`.
 */
export type ConsumedMessage<T extends TopicName = TopicName> = T extends TopicName
  ? RecordMeta<T> & { value: TopicPayloads[T] }
  : never;

export type InvalidReason = 'empty' | 'not-json' | 'schema';

/** A record that cannot be handed to `handle`: it goes to `onInvalid`, never to the floor. */
export interface InvalidRecord<T extends TopicName = TopicName> extends RecordMeta<T> {
  reason: InvalidReason;
  /** What was wrong: the JSON error or the schema's issues, field by field. */
  detail: string;
  /** The value bytes exactly as they were on the topic, for parking them elsewhere. */
  rawValue: Buffer | null;
}

export interface OutgoingMessage<T extends TopicName> {
  /** Decides the partition, so records with one key stay in order. */
  key: string;
  value: TopicPayloads[T];
  headers?: Record<string, string>;
}
