/**
 * Where the time after a broker kill goes, measured from outside the apps: how long the
 * cluster took to move the dead node's leaderships (broker side), when the outbox relay
 * sent again (leads-service's producer) and when the receiver got deliveries again (the
 * dispatcher's consumers and producer in between). Times are ms since the load started.
 */
export interface KillPhases {
  /** The kill, then when no partition of the watched topics was led by the dead node. */
  killAtMs: number;
  leadersMovedAtMs: number | undefined;
  /** The longest gap between outbox sends in the window after the kill, and its end. */
  outbox: Gap;
  /** The longest gap between deliveries at the receiver in that window, and its end. */
  deliveries: Gap;
}

export interface Gap {
  ms: number;
  fromMs: number;
  toMs: number;
}

/**
 * The longest gap between consecutive times of `times` that ends after `fromMs` (a kill)
 * and no later than `untilMs` (the next kill, which owns a gap reaching past it).
 */
export function longestGapAfter(times: readonly number[], fromMs: number, untilMs: number): Gap {
  const sorted = [...times].sort((a, b) => a - b);
  let best: Gap = { ms: 0, fromMs, toMs: fromMs };
  for (let i = 1; i < sorted.length; i += 1) {
    const [start, end] = [sorted[i - 1], sorted[i]];
    if (end <= fromMs || end > untilMs) continue;
    if (end - start > best.ms) best = { ms: end - start, fromMs: start, toMs: end };
  }
  return best;
}

/** One line per kill: each phase as seconds after the kill. */
export function describePhases(kill: number, phases: KillPhases): string {
  const after = (ms: number | undefined) =>
    ms === undefined ? 'not seen' : `+${((ms - phases.killAtMs) / 1000).toFixed(1)} s`;
  const gap = (g: Gap) => `${(g.ms / 1000).toFixed(1)} s gap, resumed ${after(g.toMs)}`;
  return (
    `  kill ${kill} phases: leaders moved ${after(phases.leadersMovedAtMs)}; ` +
    `outbox sends ${gap(phases.outbox)}; deliveries ${gap(phases.deliveries)}`
  );
}
