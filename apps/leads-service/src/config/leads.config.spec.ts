import { ConfigError } from '@leadhooks/config';
import { leadsConfig } from './leads.config';

const required = {
  DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/leads',
  KAFKA_BROKERS: '127.0.0.1:9092',
};

describe(leadsConfig.name, () => {
  it('needs only the database and the brokers, and documents its defaults', () => {
    expect(leadsConfig(required)).toEqual({
      ...required,
      KAFKA_BROKERS: ['127.0.0.1:9092'],
      PORT: 3001,
      HOST: '0.0.0.0',
      LOG_LEVEL: 'info',
      DATABASE_POOL_SIZE: 10,
      DATABASE_MIGRATE: true,
      KAFKA_CLIENT_ID: 'leads-service',
      KAFKA_ENSURE_TOPICS: true,
      KAFKA_REPLICATION_FACTOR: 1,
      HTTP_BODY_LIMIT_BYTES: 65_536,
      OUTBOX_PUBLISHER_ENABLED: true,
      OUTBOX_POLL_INTERVAL_MS: 1_000,
      OUTBOX_BATCH_SIZE: 100,
      OUTBOX_SEND_TIMEOUT_MS: 60_000,
      OUTBOX_RETENTION_HOURS: 72,
    });
  });

  it.each([
    [
      { ...required, HTTP_BODY_LIMIT_BYTES: '10' },
      'HTTP_BODY_LIMIT_BYTES must be a whole number from 1024 to 10485760',
    ],
    [
      { ...required, OUTBOX_POLL_INTERVAL_MS: 'soon' },
      'OUTBOX_POLL_INTERVAL_MS must be a whole number from 50 to 60000',
    ],
    [{ KAFKA_BROKERS: '127.0.0.1:9092' }, 'DATABASE_URL is required'],
  ])('refuses %j in one line: %s', (env, message) => {
    expect(() => leadsConfig(env)).toThrow(ConfigError);
    expect(() => leadsConfig(env)).toThrow(`Invalid configuration: ${message}`);
  });
});
