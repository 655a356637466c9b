export { KafkaClient, type ClusterDescription, type PingResult } from './kafka-client';
export type { ConsumerLag } from './consumer-lag';
export { kafkaOutage } from './kafka-outage';
export { consumerRetry, type KafkaOptions } from './kafka.config';
export {
  consoleJsonLogger,
  type KafkaLogEntry,
  type KafkaLogger,
  type KafkaLogLevel,
} from './kafka.logger';
export type { TypedProducer, SentRecords } from './typed-producer';
export type { ConsumerOptions, RunningConsumer } from './consumer.options';
export type {
  ConsumedMessage,
  InvalidReason,
  InvalidRecord,
  OutgoingMessage,
  RecordMeta,
} from './consumed-message';
export type { HandlerRetryPolicy } from './handler-backoff';
export type { OffsetRange, RangeBatch, RangeReadOptions } from './range-reader';
export type { EnsureTopicsOptions, EnsureTopicsResult } from './topic-provisioner';
export { platformTopicSpecs, type PlatformTopicOptions, type TopicSpec } from './topic-specs';
export {
  IncompleteSendError,
  InvalidOutgoingMessageError,
  KafkaClientClosedError,
  KafkaConfigError,
  TopicProvisioningError,
} from './kafka.errors';
export {
  createServiceKafkaClient,
  KafkaReadinessCheck,
  structuredKafkaLogger,
  type ServiceKafkaSettings,
  type StructuredLogger,
} from './service-client';
