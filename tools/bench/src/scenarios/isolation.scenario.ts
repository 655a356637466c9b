import type { ComparisonResult } from '../report/bench-report';
import type { BenchContext } from '../stack/bench-context';
import type { BenchStack } from '../stack/bench-stack';
import { compareRuns } from './comparison';

const hanging = 'e9';

/**
 * Ten endpoints; in the disturbed run one hangs on every first attempt until the
 * dispatcher's timeout. Its retries fail at once (HTTP 500), so its deliveries end as dead
 * letters in seconds: a retry partition works one record at a time, and hanging retries
 * of a few hundred deliveries would take minutes without saying more about the other
 * nine, whose first attempts are what the figures are about.
 */
export function runIsolation(
  ctx: BenchContext,
  stack: BenchStack,
  ratePerSec: number,
  durationSec: number,
): Promise<ComparisonResult> {
  return compareRuns(ctx, stack, {
    name: 'isolation',
    ratePerSec,
    durationSec,
    baseline: () => 'ok',
    disturbed: (endpoint, _id, attempt) => {
      if (endpoint !== hanging) return 'ok';
      return attempt === 1 ? 'hang' : 'fail';
    },
    measured: (endpoint) => endpoint !== hanging,
  });
}
