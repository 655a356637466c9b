import { resolveKafkaOptions } from './kafka.config';
import { KafkaConfigError } from './kafka.errors';
import { consoleJsonLogger } from './kafka.logger';

describe(resolveKafkaOptions.name, () => {
  it('fills the defaults', () => {
    expect(resolveKafkaOptions({ brokers: [' 127.0.0.1:9092 '], clientId: 'dispatcher' })).toEqual({
      brokers: ['127.0.0.1:9092'],
      clientId: 'dispatcher',
      namespace: undefined,
      connectionTimeoutMs: 3_000,
      requestTimeoutMs: 30_000,
      logLevel: 'warn',
      logger: consoleJsonLogger,
    });
  });

  it('accepts IPv6 and host names', () => {
    const brokers = ['[::1]:9092', 'kafka-0.kafka.svc:29092'];
    expect(resolveKafkaOptions({ brokers, clientId: 'x' }).brokers).toEqual(brokers);
  });

  it.each([
    ['brokers', { brokers: [] }],
    ['brokers', { brokers: ['localhost'] }],
    ['clientId', { clientId: ' ' }],
    ['namespace', { namespace: 'has space' }],
    ['requestTimeoutMs', { requestTimeoutMs: 0 }],
    ['connectionTimeoutMs', { connectionTimeoutMs: 1.5 }],
  ])('names %s when it is wrong', (field, overrides) => {
    const resolve = () =>
      resolveKafkaOptions({ brokers: ['localhost:9092'], clientId: 'x', ...overrides });
    expect(resolve).toThrow(KafkaConfigError);
    expect(resolve).toThrow(field);
  });
});
