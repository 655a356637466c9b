/**
 * Every event a scenario published ends delivered or dead-lettered; anything else is
 * missing, and a run with anything missing is void: its figures describe a system that
 * lost work. Duplicates are legal (at-least-once) but counted.
 */
export interface Ledger {
  published: number;
  delivered: number;
  deadLettered: number;
  missing: number;
  duplicates: number;
  void: boolean;
}

export function closeLedger(input: {
  published: number;
  delivered: ReadonlySet<string>;
  deadLettered: ReadonlySet<string>;
  duplicates: number;
}): Ledger {
  let deadOnly = 0;
  for (const id of input.deadLettered) if (!input.delivered.has(id)) deadOnly += 1;
  const accounted = input.delivered.size + deadOnly;
  const missing = Math.max(0, input.published - accounted);
  return {
    published: input.published,
    delivered: input.delivered.size,
    deadLettered: deadOnly,
    missing,
    duplicates: input.duplicates,
    void: missing > 0,
  };
}
