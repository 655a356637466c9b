import { ConfigError } from '@leadhooks/config';
import { dispatcherConfig } from './dispatcher.config';

const required = {
  DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db',
  KAFKA_BROKERS: '127.0.0.1:9092',
};

describe(dispatcherConfig.name, () => {
  it('has safe defaults: outbound safety on, 15 s timeout, the default retry ladder', () => {
    const config = dispatcherConfig(required);
    expect(config).toMatchObject({
      DISPATCHER_PORT: 3004,
      WEBHOOK_ALLOW_HTTP: false,
      WEBHOOK_ALLOW_PRIVATE_ADDRESSES: false,
      WEBHOOK_TIMEOUT_MS: 15_000,
      WEBHOOK_CONNECT_TIMEOUT_MS: 5_000,
      WEBHOOK_MAX_RESPONSE_BYTES: 4_096,
      DISPATCHER_WEBHOOK_CACHE_MS: 1_000,
      WEBHOOK_DISABLE_AFTER_FAILING_SECONDS: 5 * 24 * 3600,
      WEBHOOK_DISABLE_AFTER_DEAD_LETTERS: 100,
    });
    expect(config.retryPolicy.delaysMs).toEqual([10_000, 60_000, 300_000]);
  });

  it('reads the retry schedule', () => {
    const config = dispatcherConfig({
      ...required,
      WEBHOOK_RETRY_DELAYS: '200ms,400ms,800ms',
      WEBHOOK_RETRY_JITTER_RATIO: '0',
    });
    expect(config.retryPolicy).toMatchObject({ delaysMs: [200, 400, 800], jitterRatio: 0 });
  });

  it.each([
    [undefined, ['fanout', 'deliveries', 'retries']],
    ['none', []],
    ['fanout', ['fanout']],
    [' retries , deliveries ', ['deliveries', 'retries']],
  ])('DISPATCHER_CONSUMERS=%p joins %p', (value, roles) => {
    expect(
      dispatcherConfig({ ...required, DISPATCHER_CONSUMERS: value }).DISPATCHER_CONSUMERS,
    ).toEqual(roles);
  });

  it.each([
    [{ DISPATCHER_CONSUMERS: 'fanout,delivery' }, 'DISPATCHER_CONSUMERS'],
    [{ DISPATCHER_CONSUMERS: 'none,fanout' }, 'DISPATCHER_CONSUMERS'],
    [{ DISPATCHER_CONSUMERS: ' , ' }, 'DISPATCHER_CONSUMERS'],
    [{ WEBHOOK_TIMEOUT_MS: '99999999' }, 'WEBHOOK_TIMEOUT_MS'],
    [{ DISPATCHER_WEBHOOK_CACHE_MS: '60000' }, 'DISPATCHER_WEBHOOK_CACHE_MS'],
    [{ WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'maybe' }, 'WEBHOOK_ALLOW_PRIVATE_ADDRESSES'],
    [{ WEBHOOK_RETRY_DELAYS: '10s,soon' }, 'WEBHOOK_RETRY_DELAYS'],
    [{ DATABASE_URL: undefined }, 'DATABASE_URL'],
    [{ WEBHOOK_DISABLE_AFTER_FAILING_SECONDS: '0' }, 'WEBHOOK_DISABLE_AFTER_FAILING_SECONDS'],
    [{ WEBHOOK_DISABLE_AFTER_FAILING_SECONDS: '5d' }, 'WEBHOOK_DISABLE_AFTER_FAILING_SECONDS'],
    [{ WEBHOOK_DISABLE_AFTER_DEAD_LETTERS: '-1' }, 'WEBHOOK_DISABLE_AFTER_DEAD_LETTERS'],
  ])('names the bad variable: %o', (env, name) => {
    expect(() => dispatcherConfig({ ...required, ...env })).toThrow(ConfigError);
    expect(() => dispatcherConfig({ ...required, ...env })).toThrow(name);
  });
});

describe(`${dispatcherConfig.name}: delivery log retention`, () => {
  it('keeps 30 days by default, bodies as long, and purges every 10 minutes', () => {
    expect(dispatcherConfig(required)).toMatchObject({
      DELIVERY_RETENTION: 30 * 86_400_000,
      DELIVERY_BODY_RETENTION: 30 * 86_400_000,
      DELIVERY_PURGE_INTERVAL_MS: 600_000,
    });
  });

  it('reads both retentions', () => {
    expect(
      dispatcherConfig({ ...required, DELIVERY_RETENTION: '90d', DELIVERY_BODY_RETENTION: '12h' }),
    ).toMatchObject({ DELIVERY_RETENTION: 90 * 86_400_000, DELIVERY_BODY_RETENTION: 43_200_000 });
  });

  it.each([
    ['DELIVERY_RETENTION', '30'],
    ['DELIVERY_RETENTION', '30 days'],
    ['DELIVERY_RETENTION', '-1d'],
    ['DELIVERY_RETENTION', '10s'],
    ['DELIVERY_RETENTION', '9999d'],
    ['DELIVERY_BODY_RETENTION', '1w'],
    ['DELIVERY_BODY_RETENTION', '31d'],
    ['DELIVERY_PURGE_INTERVAL_MS', '10'],
    ['DELIVERY_PURGE_INTERVAL_MS', 'often'],
  ])('refuses %s=%p, naming it', (variable, value) => {
    const read = () => dispatcherConfig({ ...required, [variable]: value });
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(variable);
  });
});

describe(`${dispatcherConfig.name}: backfill`, () => {
  it('keeps leads 7 days and runs 2 backfills at once by default', () => {
    expect(dispatcherConfig(required)).toMatchObject({
      LEADS_TOPIC_RETENTION: 7 * 86_400_000,
      BACKFILL_MAX_RUNNING: 2,
    });
    expect(dispatcherConfig({ ...required, LEADS_TOPIC_RETENTION: '30d' })).toMatchObject({
      LEADS_TOPIC_RETENTION: 30 * 86_400_000,
    });
  });

  it.each([
    ['LEADS_TOPIC_RETENTION', '7 days'],
    ['BACKFILL_MAX_RUNNING', '0'],
    ['BACKFILL_POLL_MS', '10'],
  ])('refuses %s=%p, naming it', (variable, value) => {
    const read = () => dispatcherConfig({ ...required, [variable]: value });
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(variable);
  });
});
