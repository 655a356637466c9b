import type { ComparisonResult } from '../report/bench-report';
import type { BenchContext } from '../stack/bench-context';
import type { BenchStack } from '../stack/bench-stack';
import { compareRuns } from './comparison';

const hanging = 'e9';

/** Ten endpoints; in the disturbed run one never answers. Figures: the other nine. */
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
    disturbed: (endpoint) => (endpoint === hanging ? 'hang' : 'ok'),
    measured: (endpoint) => endpoint !== hanging,
  });
}
