import { createHash } from 'node:crypto';
import type { Behaviour } from '../load/receiver-run';
import type { ComparisonSpec } from './comparison';

/**
 * One delivery in ten, chosen by its webhook-id (so every attempt of it agrees), fails
 * three times and succeeds on its fourth and last attempt.
 */
export const tenPercentFailThrice: Behaviour = (_endpoint, webhookId, attempt) =>
  createHash('sha256').update(webhookId).digest().readUInt32BE(0) % 10 === 0 && attempt <= 3
    ? 'fail'
    : 'ok';

/** Fresh deliveries' latency (first attempts) with and without 10 % of them retrying. */
export const retryPressure: Omit<ComparisonSpec, 'ratePerSec' | 'durationSec' | 'warmUpSec'> = {
  name: 'retry',
  baseline: () => 'ok',
  disturbed: tenPercentFailThrice,
  measured: () => true,
};
