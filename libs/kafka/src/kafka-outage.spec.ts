import {
  KafkaJSConnectionError,
  KafkaJSNonRetriableError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
  KafkaJSRequestTimeoutError,
} from 'kafkajs';
import { kafkaOutage } from './kafka-outage';

describe(kafkaOutage.name, () => {
  it.each<[string, unknown]>([
    ['a refused connection', new KafkaJSConnectionError('Connection error: ECONNREFUSED')],
    ['a request timeout', new KafkaJSRequestTimeoutError('Request Produce(key: 0) timed out')],
    [
      'retries exhausted on a refused connection',
      new KafkaJSNumberOfRetriesExceeded(new KafkaJSConnectionError('refused'), {
        retryCount: 5,
        retryTime: 1000,
      }),
    ],
    [
      'a leader moving (retriable protocol error)',
      Object.assign(new KafkaJSProtocolError('NOT_LEADER_OR_FOLLOWER'), { retriable: true }),
    ],
  ])('recognises %s', (_case, error) => {
    expect(kafkaOutage(error)).toBe('message broker');
  });

  it.each<[string, unknown]>([
    ['a message too large', new KafkaJSNonRetriableError('MESSAGE_TOO_LARGE')],
    [
      'a non-retriable protocol error',
      Object.assign(new KafkaJSProtocolError('INVALID_TOPIC_EXCEPTION'), { retriable: false }),
    ],
    ['a bug', new TypeError('x is undefined')],
    ['nothing', undefined],
  ])('does not take %s for an outage', (_case, error) => {
    expect(kafkaOutage(error)).toBeUndefined();
  });
});
