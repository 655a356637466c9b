import { retryTiers, retryTopics, type RetryTierTopic } from '@leadhooks/contracts';

/** Every topic the retry consumer reads: the tiers, and the first ladder's topics to drain. */
export type RetryTopic = RetryTierTopic | (typeof retryTopics)[number];
export const retryConsumerTopics: readonly RetryTopic[] = [
  ...retryTiers.map((tier) => tier.topic),
  ...retryTopics,
];

const shortest = retryTiers[0];
const tierDelayMs = new Map<RetryTopic, number>(
  retryTiers.map((tier) => [tier.topic, tier.delayMs]),
);

/** The tier for a wait: the longest not longer than it (the shortest when the wait is shorter). */
export function tierFor(waitMs: number): RetryTierTopic {
  let chosen: RetryTierTopic = shortest.topic;
  for (const tier of retryTiers) if (tier.delayMs <= waitMs) chosen = tier.topic;
  return chosen;
}

/**
 * When a record of `topic`, written at `writtenAtMs`, is looked at: after its tier's fixed
 * delay, or at its due time if that comes first (a wait shorter than the shortest tier).
 * A record of the first ladder's topics is looked at once read, and moved to a tier.
 */
export function wakeAt(topic: RetryTopic, writtenAtMs: number, notBeforeMs: number): number {
  return Math.min(notBeforeMs, writtenAtMs + (tierDelayMs.get(topic) ?? 0));
}

/**
 * When the consumer engine admits a retry record (its due time there): at its wake time,
 * or at `notBefore` when what would remain then is shorter than the shortest tier (it is
 * attempted where it is). Records of one tier keep this in arrival order.
 */
export function admitAt(topic: RetryTopic, writtenAtMs: number, notBeforeMs: number): number {
  const wake = wakeAt(topic, writtenAtMs, notBeforeMs);
  return notBeforeMs - wake < shortest.delayMs ? notBeforeMs : wake;
}

export type RetryStep =
  | { kind: 'attempt' }
  | { kind: 'wait'; ms: number }
  | { kind: 'hop'; topic: RetryTierTopic };

/**
 * What a record does once its wake time came: attempt when due; wait out a remainder
 * shorter than the shortest tier where it is; otherwise hop to the longest tier that does
 * not overshoot, so no record ever sits in a partition longer than its tier's delay.
 */
export function stepAt(nowMs: number, notBeforeMs: number): RetryStep {
  const remainingMs = notBeforeMs - nowMs;
  if (remainingMs <= 0) return { kind: 'attempt' };
  if (remainingMs < shortest.delayMs) return { kind: 'wait', ms: remainingMs };
  return { kind: 'hop', topic: tierFor(remainingMs) };
}
