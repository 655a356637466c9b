import { checkReadiness, type HealthIndicator } from './health';

const up = (name: string, critical = true): HealthIndicator => ({
  name,
  critical,
  check: async () => undefined,
});
const down = (name: string, critical = true): HealthIndicator => ({
  name,
  critical,
  check: async () => {
    throw new Error(`${name} refused`);
  },
});

const degraded = (name: string, critical = true): HealthIndicator => ({
  name,
  critical,
  check: async () => ({ degraded: 'not answering: 127.0.0.1:9093' }),
});

describe(checkReadiness.name, () => {
  it.each([
    ['everything up', [up('postgres'), up('kafka', false)], 'ok'],
    ['a non-critical dependency down', [up('postgres'), down('kafka', false)], 'degraded'],
    ['a critical dependency down', [down('postgres'), up('kafka', false)], 'unavailable'],
    ['nothing to check', [], 'ok'],
    ['a critical dependency degraded', [up('postgres'), degraded('kafka')], 'degraded'],
    ['degraded and critical down', [down('postgres'), degraded('kafka')], 'unavailable'],
  ] as const)('reports %s as %s', async (_case, indicators, status) => {
    expect((await checkReadiness(indicators)).status).toBe(status);
  });

  it('names what is down and why', async () => {
    expect(await checkReadiness([up('postgres'), down('kafka', false)])).toEqual({
      status: 'degraded',
      checks: { postgres: { status: 'up' }, kafka: { status: 'down', error: 'kafka refused' } },
    });
  });

  it('names what serves with less to spare, and why', async () => {
    expect(await checkReadiness([up('postgres'), degraded('kafka')])).toEqual({
      status: 'degraded',
      checks: {
        postgres: { status: 'up' },
        kafka: { status: 'degraded', error: 'not answering: 127.0.0.1:9093' },
      },
    });
  });
});
