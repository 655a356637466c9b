import { Topics, type TopicName } from '@leadhooks/contracts';
import type { OutboundOutcome } from '@leadhooks/outbound-http';
import type { DeliveryDecision } from '@leadhooks/retry-policy';

/** How one HTTP attempt went, as `leadhooks_delivery_attempt_duration_seconds` labels it. */
export type AttemptLabel = 'success' | 'http_error' | 'timeout' | 'network_error' | 'refused';

/** Where a delivery went after an attempt, as `leadhooks_deliveries_total` labels it. */
export type DeliveryOutcomeLabel = 'delivered' | 'retry' | 'dead_lettered' | 'cancelled';

export function attemptLabel(outcome: OutboundOutcome): AttemptLabel {
  if (outcome.kind === 'response') {
    return outcome.status >= 200 && outcome.status < 300 ? 'success' : 'http_error';
  }
  switch (outcome.error) {
    case 'timeout':
    case 'connect-timeout':
      return 'timeout';
    case 'dns':
    case 'connection':
    case 'tls':
      return 'network_error';
    // Refused by our own outbound policy: no request left the process.
    case 'refused-address':
    case 'invalid-url':
      return 'refused';
  }
}

/** A 410 disables the webhook and dead-letters the delivery: it counts as dead-lettered. */
export function deliveryOutcomeLabel(decision: DeliveryDecision): DeliveryOutcomeLabel {
  switch (decision.kind) {
    case 'delivered':
      return 'delivered';
    case 'retry':
      return 'retry';
    case 'dead-letter':
    case 'disable':
      return 'dead_lettered';
  }
}

/** Why a delivery was dead-lettered (`attempts_exhausted`, `gone`, ...); undefined if it was not. */
export function deadLetterReason(decision: DeliveryDecision): string | undefined {
  if (decision.kind !== 'dead-letter' && decision.kind !== 'disable') return undefined;
  return decision.reason.replace(/-/g, '_');
}

/** What fanned-out deliveries came from, by the topic the event arrived on. */
export function fanoutSource(topic: TopicName): 'save_lead' | 'lookup' | undefined {
  if (topic === Topics.saveLead) return 'save_lead';
  if (topic === Topics.lookupsCompleted) return 'lookup';
  return undefined;
}
