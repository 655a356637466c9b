import type { ComparisonSpec } from './comparison';

const hanging = 'e9';

/**
 * Ten endpoints; in the disturbed run one hangs on every first attempt until the
 * dispatcher's timeout. Its retries fail at once (HTTP 500), so its deliveries end as dead
 * letters in seconds: a retry partition works one record at a time, and hanging retries
 * of a few hundred deliveries would take minutes without saying more about the other
 * nine, whose first attempts are what the figures are about.
 */
export const isolation: Omit<ComparisonSpec, 'ratePerSec' | 'durationSec' | 'warmUpSec'> = {
  name: 'isolation',
  baseline: () => 'ok',
  disturbed: (endpoint, _id, attempt) => {
    if (endpoint !== hanging) return 'ok';
    return attempt === 1 ? 'hang' : 'fail';
  },
  measured: (endpoint) => endpoint !== hanging,
};
