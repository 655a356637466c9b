import type { Tenant } from '../stack/tenant';
import type { ProcUsage } from '../stats/proc-usage';

export interface SettleResult {
  settled: boolean;
  /** Usage of the measured process at the first delivery seen and at the last poll. */
  usageAtFirst?: ProcUsage;
  usageAtEnd?: ProcUsage;
}

/**
 * Waits until `expected` deliveries of the tenant have an outcome, or until nothing has
 * moved for `stallMs` (then the ledger will show what is missing). Polls every 100 ms;
 * samples the measured process's CPU when the first delivery shows, so start-up work is
 * not counted against delivery.
 */
export async function settle(options: {
  tenant: Tenant;
  expected: number;
  stallMs: number;
  usage?: () => ProcUsage;
  progress(settled: number): void;
}): Promise<SettleResult> {
  const { tenant, expected } = options;
  const result: SettleResult = { settled: false };
  let last = -1;
  let lastMoved = Date.now();
  let lastReported = 0;
  for (;;) {
    const settled = tenant.settled();
    if (options.usage && result.usageAtFirst === undefined && tenant.run.firstArrivals.length > 0) {
      result.usageAtFirst = options.usage();
    }
    if (settled !== last) {
      last = settled;
      lastMoved = Date.now();
    }
    if (Date.now() - lastReported > 2_000) {
      lastReported = Date.now();
      options.progress(settled);
    }
    if (settled >= expected || Date.now() - lastMoved > options.stallMs) {
      result.settled = settled >= expected;
      if (options.usage) result.usageAtEnd = options.usage();
      options.progress(settled);
      return result;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
