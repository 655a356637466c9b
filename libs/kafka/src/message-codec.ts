import { safeParseTopicMessage, type TopicName } from '@leadhooks/contracts';
import type {
  ConsumedMessage,
  InvalidRecord,
  OutgoingMessage,
  RecordMeta,
} from './consumed-message';
import { InvalidOutgoingMessageError } from './kafka.errors';

/** A fetched record as the client hands it over (kafkajs's shape, without depending on it). */
export interface RawRecord {
  partition: number;
  offset: string;
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  headers?: Record<string, Buffer | string | (Buffer | string)[] | undefined>;
}

export interface EncodedMessage {
  key: string;
  value: string;
  headers: Record<string, string>;
}

export type DecodedRecord<T extends TopicName> =
  | { ok: true; message: ConsumedMessage<T> }
  | { ok: false; invalid: InvalidRecord<T> };

/**
 * Validates every message against its topic's schema before any is sent, then serializes
 * the parsed values: a bug in our code fails here, in the caller, instead of poisoning
 * the topic for every consumer.
 */
export function encodeMessages<T extends TopicName>(
  topic: T,
  messages: readonly OutgoingMessage<T>[],
): EncodedMessage[] {
  return messages.map((message, index) => {
    const parsed = safeParseTopicMessage(topic, message.value);
    if (!parsed.success)
      throw new InvalidOutgoingMessageError(topic, index, formatIssues(parsed.error.issues));
    return {
      key: message.key,
      value: JSON.stringify(parsed.data),
      headers: { ...message.headers },
    };
  });
}

export function decodeRecord<T extends TopicName>(topic: T, record: RawRecord): DecodedRecord<T> {
  const meta: RecordMeta<T> = {
    topic,
    partition: record.partition,
    offset: record.offset,
    timestamp: Number(record.timestamp),
    key: record.key === null ? null : record.key.toString('utf8'),
    headers: decodeHeaders(record.headers),
  };
  const invalid = (reason: InvalidRecord['reason'], detail: string): DecodedRecord<T> => ({
    ok: false,
    invalid: { ...meta, reason, detail, rawValue: record.value },
  });
  // A null value is a tombstone; none of our topics defines one, so it cannot be handled.
  if (record.value === null || record.value.length === 0)
    return invalid('empty', 'the record has no value');
  let json: unknown;
  try {
    json = JSON.parse(record.value.toString('utf8'));
  } catch (error) {
    return invalid('not-json', error instanceof Error ? error.message : String(error));
  }
  const parsed = safeParseTopicMessage(topic, json);
  if (!parsed.success) return invalid('schema', formatIssues(parsed.error.issues));
  // The cast joins what TypeScript keeps apart: `meta.topic` is T and `data` is T's payload.
  return { ok: true, message: { ...meta, value: parsed.data } as ConsumedMessage<T> };
}

export function decodeHeaders(headers: RawRecord['headers']): Record<string, string> {
  const decoded: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last !== undefined) decoded[name] = last.toString();
  }
  return decoded;
}

function formatIssues(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): string {
  return issues
    .map((issue) => `${issue.path.map(String).join('.') || '(value)'}: ${issue.message}`)
    .join('; ');
}
