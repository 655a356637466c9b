import type { GatewayConfig } from '../config/gateway.config';

export type UpstreamName = 'leads-service' | 'dispatcher' | 'lookup-service';

export interface Upstream {
  readonly name: UpstreamName;
  readonly url: URL;
}

// First path segment under /v1 -> owning service. Mirrors the services' controllers:
// leads-service `v1/leads`, `v1/api-keys`; dispatcher `v1/webhooks`, `v1/webhook-url`, `v1/deliveries`,
// `v1/dead-letters`, `v1/operational-webhook`; lookup-service the six lookups.
const owners: Readonly<Record<string, UpstreamName>> = {
  leads: 'leads-service',
  'api-keys': 'leads-service',
  webhooks: 'dispatcher',
  'webhook-url': 'dispatcher',
  deliveries: 'dispatcher',
  'dead-letters': 'dispatcher',
  'operational-webhook': 'dispatcher',
  'email-verifier': 'lookup-service',
  'email-finder': 'lookup-service',
  'domain-search': 'lookup-service',
  'author-finder': 'lookup-service',
  'phone-finder': 'lookup-service',
  'phone-validator': 'lookup-service',
};

export function upstreamsOf(config: GatewayConfig): readonly Upstream[] {
  return [
    { name: 'leads-service', url: new URL(config.LEADS_SERVICE_URL) },
    { name: 'dispatcher', url: new URL(config.DISPATCHER_URL) },
    { name: 'lookup-service', url: new URL(config.LOOKUP_SERVICE_URL) },
  ];
}

/**
 * The service owning a request path (without query), or undefined when none does. Only
 * whole segments match: `/v1/leadsx` is nobody's.
 */
export function ownerOf(path: string): UpstreamName | undefined {
  const match = /^\/v1\/([^/?#]+)(?:\/|$)/.exec(path);
  if (!match) return undefined;
  return Object.hasOwn(owners, match[1]) ? owners[match[1]] : undefined;
}
