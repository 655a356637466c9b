export {
  classifyAddress,
  describeAddressClass,
  isPublicAddress,
  type AddressClass,
  type AddressRange,
  type Ipv4Embedding,
} from './address.classify';
export {
  createOutboundClient,
  outboundDefaults,
  type OutboundClient,
  type OutboundClientOptions,
  type OutboundMethod,
  type OutboundOutcome,
  type OutboundRequest,
} from './outbound.client';
export {
  AddressResolutionError,
  ConnectTimeoutError,
  RefusedAddressError,
  type OutboundErrorKind,
} from './outbound.errors';
export {
  resolveOutboundPolicy,
  strictOutboundPolicy,
  type OutboundPolicy,
} from './outbound.policy';
export { createSafeAgents, type SafeAgentOptions } from './safe.agent';
export { createSafeLookup, systemResolver, type Resolver } from './safe.lookup';
export {
  maxWebhookUrlLength,
  validateWebhookUrl,
  type WebhookUrlCheck,
  type WebhookUrlProblem,
} from './webhook-url.validate';
