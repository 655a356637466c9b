import type { OutboundOutcome } from '@leadhooks/outbound-http';
import type { DeliveryDecision } from '@leadhooks/retry-policy';
import {
  attemptLabel,
  deadLetterReason,
  deliveryOutcomeLabel,
  fanoutSource,
} from './delivery.outcomes';

const response = (status: number): OutboundOutcome => ({
  kind: 'response',
  status,
  headers: {},
  bodySnippet: '',
  truncated: false,
  durationMs: 12,
});
const error = (kind: Extract<OutboundOutcome, { kind: 'error' }>['error']): OutboundOutcome => ({
  kind: 'error',
  error: kind,
  message: kind,
  durationMs: 12,
});
const failure = { type: 'status', status: 500 } as const;

describe(attemptLabel.name, () => {
  it.each([
    [response(200), 'success'],
    [response(204), 'success'],
    [response(301), 'http_error'],
    [response(500), 'http_error'],
    [error('timeout'), 'timeout'],
    [error('connect-timeout'), 'timeout'],
    [error('dns'), 'network_error'],
    [error('connection'), 'network_error'],
    [error('tls'), 'network_error'],
    [error('refused-address'), 'refused'],
    [error('invalid-url'), 'refused'],
  ])('labels %j as %s', (outcome, label) => {
    expect(attemptLabel(outcome)).toBe(label);
  });
});

describe(deliveryOutcomeLabel.name, () => {
  const decisions: [DeliveryDecision, string, string | undefined][] = [
    [{ kind: 'delivered', status: 200 }, 'delivered', undefined],
    [
      { kind: 'retry', topicIndex: 1, delayMs: 60_000, failure, message: 'HTTP 500' },
      'retry',
      undefined,
    ],
    [
      { kind: 'dead-letter', reason: 'attempts-exhausted', failure, message: 'HTTP 500' },
      'dead_lettered',
      'attempts_exhausted',
    ],
    [
      { kind: 'disable', reason: 'gone', failure: { type: 'status', status: 410 }, message: '410' },
      'dead_lettered',
      'gone',
    ],
  ];
  it.each(decisions)('labels %j as %s (dead-letter reason %s)', (decision, outcome, reason) => {
    expect(deliveryOutcomeLabel(decision)).toBe(outcome);
    expect(deadLetterReason(decision)).toBe(reason);
  });
});

describe(fanoutSource.name, () => {
  it('names the source of fanned-out deliveries by the topic the event came on', () => {
    expect(fanoutSource('leads.save_lead')).toBe('save_lead');
    expect(fanoutSource('lookups.completed')).toBe('lookup');
    expect(fanoutSource('webhooks.deliveries')).toBeUndefined();
  });
});
