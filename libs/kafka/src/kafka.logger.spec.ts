import { Kafka, logLevel, type logCreator } from 'kafkajs';
import { clientRetry } from './kafka.config';
import { createKafkaLog, toKafkaJsLogCreator, type KafkaLogEntry } from './kafka.logger';

describe(toKafkaJsLogCreator.name, () => {
  it('turns a kafkajs line into our entry, without kafkajs’s own bookkeeping', () => {
    const entries: KafkaLogEntry[] = [];
    const write = toKafkaJsLogCreator((entry) => entries.push(entry))(logLevel.WARN);
    write({
      namespace: 'Consumer',
      level: logLevel.ERROR,
      label: 'ERROR',
      log: {
        timestamp: '2026-11-27T10:00:00.000Z',
        logger: 'kafkajs',
        message: 'Crash',
        groupId: 'g',
      },
    });
    expect(entries).toEqual([
      { level: 'error', source: 'kafkajs.Consumer', message: 'Crash', fields: { groupId: 'g' } },
    ]);
  });

  it('drops kafkajs’s warning about the retry limit our idempotent producers have on purpose', () => {
    const said: string[] = [];
    const raw: logCreator = () => (entry) => void said.push(String(entry.log.message));
    const entries: KafkaLogEntry[] = [];
    // No broker is reached: making a producer only logs its configuration's warnings.
    for (const creator of [raw, toKafkaJsLogCreator((entry) => entries.push(entry))]) {
      new Kafka({ brokers: ['127.0.0.1:9'], retry: clientRetry, logCreator: creator }).producer({
        idempotent: true,
      });
    }
    expect(said.some((message) => message.startsWith('Limiting retries'))).toBe(true);
    expect(entries.filter((entry) => entry.message.startsWith('Limiting retries'))).toEqual([]);
  });
});

describe(createKafkaLog.name, () => {
  it('drops our lines below the configured level', () => {
    const entries: KafkaLogEntry[] = [];
    const log = createKafkaLog((entry) => entries.push(entry), 'warn');
    log.info('joined');
    log.warn('slow', { ms: 5 });
    log.error('failed');
    expect(entries.map((entry) => [entry.level, entry.message, entry.fields])).toEqual([
      ['warn', 'slow', { ms: 5 }],
      ['error', 'failed', {}],
    ]);
  });
});
