import type { OutboundOutcome } from '@leadhooks/outbound-http';
import {
  classifyOutcome,
  decideNext,
  type AttemptVerdict,
  type DeliveryDecision,
} from './delivery.decision';
import type { RetryPolicy } from './retry.policy';

function answered(status: number, headers: Record<string, string> = {}): OutboundOutcome {
  return { kind: 'response', status, headers, bodySnippet: '', truncated: false, durationMs: 12 };
}

function failed(error: Extract<OutboundOutcome, { kind: 'error' }>['error']): OutboundOutcome {
  return { kind: 'error', error, message: `${error} happened`, durationMs: 12 };
}

describe(classifyOutcome.name, () => {
  it.each<[string, OutboundOutcome, AttemptVerdict]>([
    ['200', answered(200), { kind: 'delivered', status: 200 }],
    ['204', answered(204), { kind: 'delivered', status: 204 }],
    ['299', answered(299), { kind: 'delivered', status: 299 }],
    [
      '410 Gone',
      answered(410),
      { kind: 'disable', reason: 'gone', failure: { type: 'status', status: 410 } },
    ],
    [
      '301 (never followed)',
      answered(301),
      { kind: 'retryable', failure: { type: 'status', status: 301 } },
    ],
    [
      '302 (never followed)',
      answered(302),
      { kind: 'retryable', failure: { type: 'status', status: 302 } },
    ],
    ['400', answered(400), { kind: 'retryable', failure: { type: 'status', status: 400 } }],
    ['404', answered(404), { kind: 'retryable', failure: { type: 'status', status: 404 } }],
    [
      '429 with Retry-After',
      answered(429, { 'retry-after': '30' }),
      { kind: 'retryable', failure: { type: 'status', status: 429 }, retryAfter: '30' },
    ],
    ['500', answered(500), { kind: 'retryable', failure: { type: 'status', status: 500 } }],
    ['503', answered(503), { kind: 'retryable', failure: { type: 'status', status: 503 } }],
    [
      'a timeout',
      failed('timeout'),
      { kind: 'retryable', failure: { type: 'error', error: 'timeout' } },
    ],
    [
      'a connect timeout',
      failed('connect-timeout'),
      { kind: 'retryable', failure: { type: 'error', error: 'connect-timeout' } },
    ],
    [
      'a DNS failure',
      failed('dns'),
      { kind: 'retryable', failure: { type: 'error', error: 'dns' } },
    ],
    [
      'a TLS failure',
      failed('tls'),
      { kind: 'retryable', failure: { type: 'error', error: 'tls' } },
    ],
    [
      'a reset connection',
      failed('connection'),
      { kind: 'retryable', failure: { type: 'error', error: 'connection' } },
    ],
    [
      'a refused address',
      failed('refused-address'),
      {
        kind: 'dead-letter',
        reason: 'refused-address',
        failure: { type: 'error', error: 'refused-address' },
      },
    ],
    [
      'a URL the policy refuses',
      failed('invalid-url'),
      {
        kind: 'dead-letter',
        reason: 'invalid-url',
        failure: { type: 'error', error: 'invalid-url' },
      },
    ],
  ])('%s', (_case, outcome, expected) => {
    expect(classifyOutcome(outcome)).toEqual(expected);
  });
});

describe(decideNext.name, () => {
  const policy: RetryPolicy = {
    delaysMs: [1_000, 2_000, 4_000],
    jitterRatio: 0,
    retryAfterMaxMs: 10_000,
  };
  const context = { policy, random: () => 0.5, nowMs: 0 };

  it.each<[string, OutboundOutcome, number, DeliveryDecision]>([
    ['delivered on the last attempt', answered(200), 4, { kind: 'delivered', status: 200 }],
    [
      '500 on attempt 1',
      answered(500),
      1,
      {
        kind: 'retry',
        topicIndex: 0,
        delayMs: 1_000,
        failure: { type: 'status', status: 500 },
        message: 'HTTP 500 on attempt 1; retrying in 1000 ms',
      },
    ],
    [
      '503 with Retry-After on attempt 3',
      answered(503, { 'retry-after': '8' }),
      3,
      {
        kind: 'retry',
        topicIndex: 2,
        delayMs: 8_000,
        failure: { type: 'status', status: 503 },
        message: 'HTTP 503 on attempt 3; retrying in 8000 ms',
      },
    ],
    [
      '500 on attempt 4',
      answered(500),
      4,
      {
        kind: 'dead-letter',
        reason: 'attempts-exhausted',
        failure: { type: 'status', status: 500 },
        message: 'HTTP 500 on attempt 4; no retries left',
      },
    ],
    [
      'a timeout on attempt 2',
      failed('timeout'),
      2,
      {
        kind: 'retry',
        topicIndex: 1,
        delayMs: 2_000,
        failure: { type: 'error', error: 'timeout' },
        message: 'timeout: timeout happened on attempt 2; retrying in 2000 ms',
      },
    ],
    [
      '410 on attempt 1',
      answered(410),
      1,
      {
        kind: 'disable',
        reason: 'gone',
        failure: { type: 'status', status: 410 },
        message: 'HTTP 410: the receiver says the endpoint is gone; webhook disabled',
      },
    ],
    [
      'a refused address on attempt 1',
      failed('refused-address'),
      1,
      {
        kind: 'dead-letter',
        reason: 'refused-address',
        failure: { type: 'error', error: 'refused-address' },
        message: 'refused-address: refused-address happened; not retried',
      },
    ],
  ])('%s', (_case, outcome, attemptsMade, expected) => {
    expect(decideNext(outcome, attemptsMade, context)).toEqual(expected);
  });

  it('makes exactly 4 attempts against a receiver that always fails', () => {
    const kinds = [1, 2, 3, 4].map((attempt) => decideNext(answered(500), attempt, context).kind);
    expect(kinds).toEqual(['retry', 'retry', 'retry', 'dead-letter']);
  });
});
