import { Writable } from 'node:stream';
import { closedLoopbackPort, testKafkaBrokers } from '@leadhooks/testing';
import pino from 'pino';
import {
  createServiceKafkaClient,
  KafkaReadinessCheck,
  structuredKafkaLogger,
} from './service-client';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: pino({ level: 'debug' }, destination) };
}

describe(structuredKafkaLogger.name, () => {
  it('writes each entry at its level, under component "kafka", fields flattened', () => {
    const { lines, logger } = capture();
    structuredKafkaLogger(logger)({
      level: 'warn',
      source: 'kafkajs.Consumer',
      message: 'Restarting the consumer',
      fields: { groupId: 'g' },
    });
    expect(lines).toEqual([
      expect.objectContaining({
        level: 40,
        component: 'kafka',
        source: 'kafkajs.Consumer',
        groupId: 'g',
        msg: 'Restarting the consumer',
      }),
    ]);
  });
});

describe(KafkaReadinessCheck.name, () => {
  it('fails, within its bound, when no broker answers, and says whether that is critical', async () => {
    const client = createServiceKafkaClient(
      {
        KAFKA_BROKERS: [`127.0.0.1:${await closedLoopbackPort()}`],
        KAFKA_CLIENT_ID: 'readiness-spec',
        LOG_LEVEL: 'silent',
      },
      pino({ level: 'silent' }),
    );
    const check = new KafkaReadinessCheck(client, false);
    expect(check).toMatchObject({ name: 'kafka', critical: false });
    const started = Date.now();
    await expect(check.check()).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2_500);
    await client.shutdown();
  });

  it('is ready when any listed broker answers: a dead one first makes it degraded, not down', async () => {
    const dead = `127.0.0.1:${await closedLoopbackPort()}`;
    const client = createServiceKafkaClient(
      {
        KAFKA_BROKERS: [dead, ...testKafkaBrokers()],
        KAFKA_CLIENT_ID: 'readiness-spec',
        LOG_LEVEL: 'silent',
      },
      pino({ level: 'silent' }),
    );
    try {
      const check = new KafkaReadinessCheck(client, true);
      await expect(check.check()).resolves.toEqual({
        degraded: expect.stringContaining(`not answering: ${dead}`),
      });
      await expect(client.ping()).resolves.toMatchObject({
        ok: true,
        unreachable: [{ broker: dead }],
      });
    } finally {
      await client.shutdown();
    }
  });

  it('is up, not degraded, when every listed broker answers', async () => {
    const client = createServiceKafkaClient(
      { KAFKA_BROKERS: testKafkaBrokers(), KAFKA_CLIENT_ID: 'readiness-spec', LOG_LEVEL: 'silent' },
      pino({ level: 'silent' }),
    );
    try {
      await expect(new KafkaReadinessCheck(client, true).check()).resolves.toBeUndefined();
    } finally {
      await client.shutdown();
    }
  });
});
