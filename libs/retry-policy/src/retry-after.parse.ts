const secondsPattern = /^\d{1,10}$/;

/**
 * A `Retry-After` value (RFC 9110: delay-seconds or an HTTP-date) as milliseconds from
 * `nowMs`. A date in the past means "now" (0). Anything unparseable is `undefined`, so a
 * receiver's garbage header falls back to the schedule instead of failing the delivery.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (secondsPattern.test(text)) return Number(text) * 1000;
  // Only dates that name a weekday or month: Date.parse would also read "12" or "1.5".
  if (!/[a-z]{3}/i.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
