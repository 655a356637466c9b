import { z } from 'zod';
import { ConfigError } from './config-error';
import { envBool, envEnum, envHostPorts, envInt, envPort, envString, envUrl } from './env-fields';
import { parseConfig } from './parse-config';

const schema = z.object({
  DATABASE_URL: envUrl(['postgres', 'postgresql']),
  KAFKA_BROKERS: envHostPorts(),
  PORT: envPort().default(3000),
  BATCH: envInt({ min: 1, max: 500 }).default(100),
  ENABLED: envBool().default(true),
  LOG_LEVEL: envEnum(['info', 'debug']).default('info'),
  NAME: envString().optional(),
});

const valid = {
  DATABASE_URL: 'postgres://u:secret@127.0.0.1:5432/db',
  KAFKA_BROKERS: '127.0.0.1:9092, kafka-2:9092',
};

describe(parseConfig.name, () => {
  it('parses, converts and fills defaults', () => {
    expect(parseConfig(schema, { ...valid, ENABLED: 'no', UNRELATED: 'x' })).toEqual({
      DATABASE_URL: valid.DATABASE_URL,
      KAFKA_BROKERS: ['127.0.0.1:9092', 'kafka-2:9092'],
      PORT: 3000,
      BATCH: 100,
      ENABLED: false,
      LOG_LEVEL: 'info',
    });
  });

  it('treats an empty variable as unset', () => {
    expect(parseConfig(schema, { ...valid, PORT: '' }).PORT).toBe(3000);
  });

  it.each([
    ['a missing variable', { KAFKA_BROKERS: valid.KAFKA_BROKERS }, 'DATABASE_URL is required'],
    [
      'a port out of range',
      { ...valid, PORT: '70000' },
      'PORT must be a whole number from 1 to 65535',
    ],
    [
      'a port that is no number',
      { ...valid, PORT: '80a' },
      'PORT must be a whole number from 1 to 65535',
    ],
    [
      'a fractional number',
      { ...valid, BATCH: '1.5' },
      'BATCH must be a whole number from 1 to 500',
    ],
    [
      'a wrong scheme',
      { ...valid, DATABASE_URL: 'mysql://x/y' },
      'DATABASE_URL must be a postgres:// or postgresql:// URL',
    ],
    ['no URL at all', { ...valid, DATABASE_URL: 'localhost' }, 'DATABASE_URL must be a URL'],
    [
      'a broker without port',
      { ...valid, KAFKA_BROKERS: 'kafka' },
      'KAFKA_BROKERS must be a comma-separated list of host:port',
    ],
    [
      'a bad boolean',
      { ...valid, ENABLED: 'maybe' },
      'ENABLED must be one of true, 1, yes, false, 0, no',
    ],
    ['a bad enum', { ...valid, LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of info, debug'],
  ])('refuses %s in one line naming the variable', (_case, env, expected) => {
    const error = captureError(() => parseConfig(schema, env));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(`Invalid configuration: ${expected}`);
    expect(error.message).not.toContain('\n');
  });

  it('names every bad variable, once, and never echoes a value', () => {
    const error = captureError(() =>
      parseConfig(schema, {
        DATABASE_URL: 'mysql://u:hunter2@h/db',
        PORT: '0',
        KAFKA_BROKERS: 'x',
      }),
    );
    expect(error.message).toMatch(/DATABASE_URL .*; KAFKA_BROKERS .*; PORT /);
    expect(error.message).not.toContain('hunter2');
  });
});

function captureError(work: () => unknown): Error {
  try {
    work();
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error('expected an error');
}
