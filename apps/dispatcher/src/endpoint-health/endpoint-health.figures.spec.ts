import { toEndpointHealth, windowFigures, type EndpointHealthRow } from './endpoint-health.figures';

const row = (overrides: Partial<EndpointHealthRow>): EndpointHealthRow => ({
  window: 'day',
  enabled: true,
  disabled_reason: null,
  disabled_at: null,
  failing_since: null,
  consecutive_dead_letters: 0,
  deliveries: 0,
  delivered: 0,
  dead: 0,
  in_flight: 0,
  attempts: 0,
  failed_attempts: 0,
  p50: null,
  p95: null,
  last_error: null,
  last_error_at: null,
  last_error_delivery_id: null,
  ...overrides,
});

describe(windowFigures.name, () => {
  it.each([
    ['none settled', { delivered: 0, dead: 0, in_flight: 3 }, null],
    ['all delivered', { delivered: 4, dead: 0 }, 1],
    ['all dead', { delivered: 0, dead: 2 }, 0],
    ['three of four', { delivered: 3, dead: 1, in_flight: 7 }, 0.75],
  ])('success rate over settled deliveries only: %s', (_name, counts, rate) => {
    expect(windowFigures(row(counts)).success_rate).toBe(rate);
  });

  it('rounds the interpolated percentiles to whole milliseconds and keeps null', () => {
    expect(windowFigures(row({ p50: 12.5, p95: 99.4 }))).toMatchObject({
      attempt_duration_p50_ms: 13,
      attempt_duration_p95_ms: 99,
    });
    expect(windowFigures(row({}))).toMatchObject({
      attempt_duration_p50_ms: null,
      attempt_duration_p95_ms: null,
    });
  });
});

describe(toEndpointHealth.name, () => {
  const asOf = new Date('2026-12-08T01:00:00.000Z');

  it('is undefined without rows (no such webhook in the account)', () => {
    expect(toEndpointHealth('w', asOf, [])).toBeUndefined();
  });

  it('takes each window from its row and the last error only when complete', () => {
    const rows = [
      row({ window: 'hour', deliveries: 1 }),
      row({
        deliveries: 5,
        last_error: 'HTTP 500',
        last_error_at: '2026-12-08T00:59:00Z',
        last_error_delivery_id: 'msg_x',
      }),
    ];
    const health = toEndpointHealth('w', asOf, rows);
    expect(health).toMatchObject({
      as_of: asOf.toISOString(),
      last_hour: { deliveries: 1 },
      last_day: { deliveries: 5 },
      last_error: { message: 'HTTP 500', delivery_id: 'msg_x' },
    });
  });
});
