import type { OutboundErrorKind, OutboundOutcome } from '@leadhooks/outbound-http';
import { nextDelay, type RetryContext } from './retry.policy';

/** What went wrong with an attempt: a non-2xx answer, or no answer at all. */
export type AttemptFailure =
  | { type: 'status'; status: number }
  | { type: 'error'; error: OutboundErrorKind };

/** What one attempt's outcome means, before the schedule is consulted. */
export type AttemptVerdict =
  | { kind: 'delivered'; status: number }
  | { kind: 'retryable'; failure: AttemptFailure; retryAfter?: string }
  | { kind: 'dead-letter'; reason: 'refused-address' | 'invalid-url'; failure: AttemptFailure }
  | { kind: 'disable'; reason: 'gone'; failure: AttemptFailure };

/** What the dispatcher does next. `disable` means: disable the webhook AND dead-letter. */
export type DeliveryDecision =
  | { kind: 'delivered'; status: number }
  | { kind: 'retry'; topicIndex: number; delayMs: number; failure: AttemptFailure; message: string }
  | {
      kind: 'dead-letter';
      reason: 'attempts-exhausted' | 'refused-address' | 'invalid-url';
      failure: AttemptFailure;
      message: string;
    }
  | { kind: 'disable'; reason: 'gone'; failure: AttemptFailure; message: string };

/**
 * 2xx is delivered. 410 Gone is the receiver saying "stop": disable, no retries. A refused
 * address or a URL the policy no longer accepts is dead-lettered at once: retrying would
 * re-ask DNS, handing a rebinding attacker more tries, and the answer is a policy decision
 * that time does not change; the dead letter stays replayable once the customer fixes
 * their DNS or URL. Everything else (3xx, which we never follow, other 4xx, 5xx, timeouts,
 * DNS, connection and TLS failures) may be transient and is retried.
 */
export function classifyOutcome(outcome: OutboundOutcome): AttemptVerdict {
  if (outcome.kind === 'response') {
    const failure: AttemptFailure = { type: 'status', status: outcome.status };
    if (outcome.status >= 200 && outcome.status < 300)
      return { kind: 'delivered', status: outcome.status };
    if (outcome.status === 410) return { kind: 'disable', reason: 'gone', failure };
    return { kind: 'retryable', failure, retryAfter: outcome.headers['retry-after'] };
  }
  const failure: AttemptFailure = { type: 'error', error: outcome.error };
  switch (outcome.error) {
    case 'refused-address':
    case 'invalid-url':
      return { kind: 'dead-letter', reason: outcome.error, failure };
    case 'dns':
    case 'connect-timeout':
    case 'timeout':
    case 'connection':
    case 'tls':
      return { kind: 'retryable', failure };
    default:
      return unreachable(outcome.error);
  }
}

/** The full decision after attempt number `attemptsMade` (1-based) produced `outcome`. */
export function decideNext(
  outcome: OutboundOutcome,
  attemptsMade: number,
  context: RetryContext = {},
): DeliveryDecision {
  const verdict = classifyOutcome(outcome);
  const what = describeFailure(outcome);
  switch (verdict.kind) {
    case 'delivered':
      return verdict;
    case 'disable':
      return {
        ...verdict,
        message: `${what}: the receiver says the endpoint is gone; webhook disabled`,
      };
    case 'dead-letter':
      return { ...verdict, message: `${what}; not retried` };
    case 'retryable': {
      const step = nextDelay(attemptsMade, { retryAfter: verdict.retryAfter }, context);
      return step.kind === 'retry'
        ? {
            ...step,
            failure: verdict.failure,
            message: `${what} on attempt ${attemptsMade}; retrying in ${step.delayMs} ms`,
          }
        : {
            kind: 'dead-letter',
            reason: step.reason,
            failure: verdict.failure,
            message: `${what} on attempt ${attemptsMade}; no retries left`,
          };
    }
  }
}

function describeFailure(outcome: OutboundOutcome): string {
  return outcome.kind === 'response'
    ? `HTTP ${outcome.status}`
    : `${outcome.error}: ${outcome.message}`;
}

function unreachable(value: never): never {
  throw new Error(`unhandled outbound error kind ${String(value)}`);
}
