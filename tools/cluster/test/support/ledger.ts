/** One webhook request as the receiver saw it. */
export interface ReceivedDelivery {
  webhookId: string;
  /** The lead's email: unique per lead in the spec, so it names the lead. */
  email: string;
  atMs: number;
}

export interface Ledger {
  sent: number;
  accepted: number;
  /** Answers other than 201, by status (0: no answer). */
  refused: Record<string, number>;
  deliveredLeads: number;
  /** Accepted leads never delivered: must be none. */
  missing: string[];
  /** Requests beyond the first per lead. */
  duplicateRequests: number;
  /** Leads delivered under more than one webhook-id: must be none. */
  leadsWithSeveralIds: string[];
  /** Requests for leads that were never accepted nor left without an answer. */
  unknown: number;
  /** Leads whose POST got no answer (client timeout): saved or not, nobody was told. */
  unanswered: { count: number; delivered: number; firstAtMs: number; lastAtMs: number };
  /** The longest time without any delivery while accepted leads were still undelivered. */
  longestStall: { ms: number; fromMs: number };
}

/**
 * The books of the run: what the API accepted against what the receiver got. Times are
 * ms since the load started.
 */
export function ledgerOf(
  answers: readonly { email: string; status: number; atMs: number }[],
  received: readonly ReceivedDelivery[],
): Ledger {
  const accepted = new Map(answers.filter((a) => a.status === 201).map((a) => [a.email, a.atMs]));
  const refused: Record<string, number> = {};
  for (const { status } of answers.filter((a) => a.status !== 201))
    refused[status] = (refused[status] ?? 0) + 1;
  const unanswered = answers.filter((a) => a.status === 0);
  const unansweredEmails = new Set(unanswered.map((a) => a.email));
  let unansweredDelivered = 0;
  const ids = new Map<string, Set<string>>();
  const firstAt = new Map<string, number>();
  let unknown = 0;
  for (const delivery of received) {
    if (!accepted.has(delivery.email)) {
      if (unansweredEmails.has(delivery.email)) unansweredDelivered += 1;
      else unknown += 1;
      continue;
    }
    ids.set(delivery.email, (ids.get(delivery.email) ?? new Set()).add(delivery.webhookId));
    firstAt.set(delivery.email, Math.min(firstAt.get(delivery.email) ?? Infinity, delivery.atMs));
  }
  const missing = [...accepted.keys()].filter((email) => !firstAt.has(email));
  return {
    sent: answers.length,
    accepted: accepted.size,
    refused,
    deliveredLeads: firstAt.size,
    missing,
    duplicateRequests: received.length - unknown - unansweredDelivered - firstAt.size,
    leadsWithSeveralIds: [...ids].filter(([, set]) => set.size > 1).map(([email]) => email),
    unknown,
    unanswered: {
      count: unanswered.length,
      delivered: unansweredDelivered,
      firstAtMs: Math.min(...unanswered.map((a) => a.atMs)),
      lastAtMs: Math.max(...unanswered.map((a) => a.atMs)),
    },
    longestStall: longestStall(accepted, firstAt, received),
  };
}

/**
 * Walks the deliveries in time order: a stall is a gap between two deliveries (or from an
 * accepted lead to the next delivery) while at least one accepted lead waited for its own.
 */
function longestStall(
  accepted: Map<string, number>,
  firstAt: Map<string, number>,
  received: readonly ReceivedDelivery[],
): { ms: number; fromMs: number } {
  const times = received.map((delivery) => delivery.atMs).sort((a, b) => a - b);
  const waiting = [...accepted]
    .map(([email, at]) => ({ at, done: firstAt.get(email) ?? Infinity }))
    .sort((a, b) => a.at - b.at);
  let best = { ms: 0, fromMs: 0 };
  let previous = waiting[0]?.at ?? 0;
  for (const at of times) {
    // Some lead accepted before `at` was still undelivered at `previous`.
    const pending = waiting.some((lead) => lead.at <= at && lead.done > previous);
    if (pending && at - previous > best.ms) best = { ms: at - previous, fromMs: previous };
    previous = Math.max(previous, at);
  }
  return best;
}
