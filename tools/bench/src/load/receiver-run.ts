/**
 * How an endpoint answers one attempt: 2xx, 500, 503 with a long `Retry-After`
 * (`later`), or never (until the sender gives up).
 */
export type Answer = 'ok' | 'fail' | 'later' | 'hang';
/** `attempt` counts this webhook-id's requests to this run, from 1. */
export type Behaviour = (endpoint: string, webhookId: string, attempt: number) => Answer;

/** The first request of one webhook-id: when it was sent (the body's notes) and arrived. */
export interface FirstArrival {
  webhookId: string;
  endpoint: string;
  sentAt: number;
  arrivedAt: number;
}

/**
 * What reached one run of the receiver: the first arrival of each webhook-id (latency is
 * measured to it, so retries never count as a fresh delivery's latency), the ids answered
 * 2xx, and the 2xx answers beyond the first per id (duplicates).
 */
export class ReceiverRun {
  readonly firstArrivals: FirstArrival[] = [];
  readonly delivered = new Set<string>();
  /** When each webhook-id's second request (its first retry) arrived. */
  readonly firstRetryAt = new Map<string, number>();
  duplicates = 0;
  private readonly attempts = new Map<string, number>();

  constructor(
    readonly id: string,
    private readonly baseUrl: string,
    private readonly behaviour: Behaviour,
  ) {}

  url(endpoint: string): string {
    return `${this.baseUrl}/${endpoint}`;
  }

  record(webhookId: string, endpoint: string, arrivedAt: number, body: Buffer): Answer {
    const attempt = (this.attempts.get(webhookId) ?? 0) + 1;
    this.attempts.set(webhookId, attempt);
    if (attempt === 1) {
      this.firstArrivals.push({ webhookId, endpoint, sentAt: sentAtOf(body), arrivedAt });
    } else if (attempt === 2) {
      this.firstRetryAt.set(webhookId, arrivedAt);
    }
    const answer = this.behaviour(endpoint, webhookId, attempt);
    if (answer === 'ok') {
      if (this.delivered.has(webhookId)) this.duplicates += 1;
      else this.delivered.add(webhookId);
    }
    return answer;
  }

  /**
   * Latencies (ms) of first arrivals that carried a send time, in send order; optionally of
   * some endpoints, and only of those sent from `sentFrom` on (a step's warm-up left out).
   */
  latencies(endpoints?: (endpoint: string) => boolean, sentFrom = -Infinity): number[] {
    return this.firstArrivals
      .filter((arrival) => Number.isFinite(arrival.sentAt) && arrival.sentAt >= sentFrom)
      .filter((arrival) => !endpoints || endpoints(arrival.endpoint))
      .sort((a, b) => a.sentAt - b.sentAt)
      .map((arrival) => arrival.arrivedAt - arrival.sentAt);
  }

  /** Deliveries per second from the first arrival to the last (0 with fewer than two). */
  throughput(endpoints?: (endpoint: string) => boolean): number {
    let count = 0;
    let first = Infinity;
    let last = -Infinity;
    for (const arrival of this.firstArrivals) {
      if (endpoints && !endpoints(arrival.endpoint)) continue;
      count += 1;
      first = Math.min(first, arrival.arrivedAt);
      last = Math.max(last, arrival.arrivedAt);
    }
    const spanSec = (last - first) / 1000;
    return count >= 2 && spanSec > 0 ? Math.round(count / spanSec) : 0;
  }
}

/**
 * The load generators put the send time (epoch ms) in the lead's `notes`, a free-text field
 * of the webhook body, so latency needs no lookup table shared with the sender.
 */
function sentAtOf(body: Buffer): number {
  try {
    const notes = (JSON.parse(body.toString('utf8')) as { data?: { notes?: unknown } }).data?.notes;
    const sentAt = Number(notes);
    return Number.isFinite(sentAt) ? sentAt : Number.NaN;
  } catch {
    return Number.NaN;
  }
}
