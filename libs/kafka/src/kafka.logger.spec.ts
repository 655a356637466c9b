import { logLevel } from 'kafkajs';
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
