import { z } from 'zod';
import { ConfigError } from './config-error';
import { parseConfig } from './parse-config';
import { databaseFields, httpServerFields, kafkaFields } from './service-fields';

const schema = z.object({
  ...httpServerFields('APP_PORT', 3100),
  ...databaseFields({ poolSize: 7 }),
  ...kafkaFields({ clientId: 'app' }),
});

const required = {
  DATABASE_URL: 'postgresql://u:p@127.0.0.1:5432/db',
  KAFKA_BROKERS: '127.0.0.1:9092',
};

describe('service fields', () => {
  it("fill every shared default, the port under the app's own variable", () => {
    expect(parseConfig(schema, required)).toEqual({
      APP_PORT: 3100,
      HOST: '0.0.0.0',
      LOG_LEVEL: 'info',
      DATABASE_URL: required.DATABASE_URL,
      DATABASE_POOL_SIZE: 7,
      DATABASE_MIGRATE: true,
      KAFKA_BROKERS: ['127.0.0.1:9092'],
      KAFKA_CLIENT_ID: 'app',
      KAFKA_ENSURE_TOPICS: true,
      KAFKA_REPLICATION_FACTOR: 1,
    });
  });

  it('read what is set', () => {
    const config = parseConfig(schema, {
      ...required,
      APP_PORT: '8081',
      LOG_LEVEL: 'silent',
      DATABASE_POOL_SIZE: '50',
      DATABASE_MIGRATE: 'false',
      KAFKA_NAMESPACE: 'ci_1',
      KAFKA_REPLICATION_FACTOR: '3',
      KAFKA_MIN_INSYNC_REPLICAS: '2',
    });
    expect(config).toMatchObject({
      APP_PORT: 8081,
      LOG_LEVEL: 'silent',
      DATABASE_POOL_SIZE: 50,
      DATABASE_MIGRATE: false,
      KAFKA_NAMESPACE: 'ci_1',
      KAFKA_REPLICATION_FACTOR: 3,
      KAFKA_MIN_INSYNC_REPLICAS: 2,
    });
  });

  it.each([
    ['APP_PORT', '70000'],
    ['LOG_LEVEL', 'loud'],
    ['DATABASE_URL', 'mysql://127.0.0.1/db'],
    ['DATABASE_POOL_SIZE', '1'],
    ['KAFKA_BROKERS', 'no-port'],
  ])('refuse a bad %s by name', (variable, value) => {
    const parse = () => parseConfig(schema, { ...required, [variable]: value });
    expect(parse).toThrow(ConfigError);
    expect(parse).toThrow(variable);
  });
});
