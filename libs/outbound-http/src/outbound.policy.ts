/**
 * What outbound requests may reach. Both switches are explicit opt-outs for local
 * development and tests; production runs with the defaults.
 */
export interface OutboundPolicy {
  /** Allow `http:` URLs (webhook payloads then travel in clear text). */
  readonly allowHttp: boolean;
  /** Allow loopback, private and other non-public addresses. */
  readonly allowPrivateAddresses: boolean;
}

export const strictOutboundPolicy: OutboundPolicy = Object.freeze({
  allowHttp: false,
  allowPrivateAddresses: false,
});

export function resolveOutboundPolicy(policy: Partial<OutboundPolicy> = {}): OutboundPolicy {
  return Object.freeze({
    allowHttp: policy.allowHttp === true,
    allowPrivateAddresses: policy.allowPrivateAddresses === true,
  });
}
