import type { EndpointHealthWindow } from './api/health-calls';

/** A 0..1 rate as a percentage a reader takes in at a glance; "—" when nothing settled. */
export function formatRate(rate: number | null): string {
  if (rate === null) return '—';
  const percent = rate * 100;
  // 99.95 % must not read as 100 %: near the top, one decimal rounded down.
  if (percent > 99 && percent < 100) return `${(Math.floor(percent * 10) / 10).toFixed(1)} %`;
  return `${Math.round(percent)} %`;
}

export function formatMs(ms: number | null): string {
  return ms === null ? '—' : `${ms} ms`;
}

export type HealthTone = 'ok' | 'warn' | 'bad' | 'quiet';

/** One word for a webhook's recent state: the list's compact status. */
export function healthTone(enabled: boolean, window: EndpointHealthWindow): HealthTone {
  if (!enabled) return 'bad';
  if (window.success_rate === null) return window.failed_attempts > 0 ? 'warn' : 'quiet';
  if (window.success_rate < 0.9) return 'bad';
  return window.success_rate < 1 || window.failed_attempts > 0 ? 'warn' : 'ok';
}

/** The compact status: rate and count of the last hour, in words. */
export function healthSummary(window: EndpointHealthWindow): string {
  if (window.deliveries === 0) return 'no deliveries in the last hour';
  const count = `${window.deliveries} deliver${window.deliveries === 1 ? 'y' : 'ies'}`;
  return `${formatRate(window.success_rate)} delivered · ${count} in the last hour`;
}
