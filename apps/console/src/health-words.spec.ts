import type { EndpointHealthWindow } from './api/health-calls';
import { formatMs, formatRate, healthSummary, healthTone } from './health-words';

const window = (overrides: Partial<EndpointHealthWindow>): EndpointHealthWindow => ({
  deliveries: 0,
  delivered: 0,
  dead: 0,
  in_flight: 0,
  success_rate: null,
  attempts: 0,
  failed_attempts: 0,
  attempt_duration_p50_ms: null,
  attempt_duration_p95_ms: null,
  ...overrides,
});

describe(formatRate.name, () => {
  it.each([
    [null, '—'],
    [0, '0 %'],
    [1, '100 %'],
    [0.5, '50 %'],
    [0.9995, '99.9 %'],
    [0.994, '99.4 %'],
  ])('%j reads %j', (rate, words) => {
    expect(formatRate(rate)).toBe(words);
  });
});

describe(healthTone.name, () => {
  it.each<[string, boolean, Partial<EndpointHealthWindow>, string]>([
    ['disabled', false, { success_rate: 1 }, 'bad'],
    ['no traffic', true, {}, 'quiet'],
    ['only failed attempts so far', true, { failed_attempts: 2 }, 'warn'],
    ['all delivered first time', true, { success_rate: 1 }, 'ok'],
    ['delivered after retries', true, { success_rate: 1, failed_attempts: 1 }, 'warn'],
    ['mostly dead', true, { success_rate: 0.5 }, 'bad'],
  ])('%s is %s', (_name, enabled, figures, tone) => {
    expect(healthTone(enabled, window(figures))).toBe(tone);
  });
});

describe(healthSummary.name, () => {
  it('says so when there was no delivery', () => {
    expect(healthSummary(window({}))).toBe('no deliveries in the last hour');
  });

  it('gives the rate and the count', () => {
    expect(healthSummary(window({ deliveries: 1, success_rate: 1 }))).toBe(
      '100 % delivered · 1 delivery in the last hour',
    );
    expect(formatMs(12)).toBe('12 ms');
  });
});
