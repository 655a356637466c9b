import { isIP } from 'node:net';
import { classifyAddress, describeAddressClass } from './address.classify';
import { resolveOutboundPolicy, type OutboundPolicy } from './outbound.policy';

export const maxWebhookUrlLength = 2048;

export type WebhookUrlProblem =
  | 'invalid-url'
  | 'scheme-not-allowed'
  | 'credentials-in-url'
  | 'too-long'
  | 'missing-host'
  | 'refused-address';

export type WebhookUrlCheck =
  | { ok: true; url: URL }
  | { ok: false; code: WebhookUrlProblem; message: string };

/**
 * Checks a webhook URL when it is configured (or given as `webhook_url`), so a bad one is
 * a 400 at once. Hostnames are not resolved here: DNS can change before the delivery, so
 * the address check that protects us runs again on every connection (see createSafeLookup).
 * `localhost` names are refused right away because they always mean this machine.
 * Store and call `result.url.href`, the normalized form that was checked.
 */
export function validateWebhookUrl(
  input: string,
  policy: Partial<OutboundPolicy> = {},
): WebhookUrlCheck {
  const { allowHttp, allowPrivateAddresses } = resolveOutboundPolicy(policy);
  if (input.length > maxWebhookUrlLength) {
    return fail(
      'too-long',
      `the URL is ${input.length} characters long; at most ${maxWebhookUrlLength} are allowed`,
    );
  }
  if (hasWhitespaceOrControl(input)) {
    return fail('invalid-url', 'the URL contains whitespace or control characters');
  }
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return fail(
      'invalid-url',
      'the URL cannot be parsed; it must be absolute, like https://example.com/hook',
    );
  }
  if (url.protocol !== 'https:' && !(allowHttp && url.protocol === 'http:')) {
    const allowed = allowHttp ? 'https: or http:' : 'https:';
    return fail(
      'scheme-not-allowed',
      `the URL scheme is ${url.protocol}; only ${allowed} is allowed`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    return fail(
      'credentials-in-url',
      'the URL may not contain a username or password; use headers instead',
    );
  }
  if (url.hostname === '') {
    return fail('missing-host', 'the URL has no host');
  }
  // Port 0 cannot be connected to; HTTP clients read it as "no port" and call 443 (or 80)
  // instead, so the URL stored would not be the one called.
  if (url.port === '0') {
    return fail('invalid-url', 'the URL port is 0; give a port from 1 to 65535, or none');
  }
  if (url.href.length > maxWebhookUrlLength) {
    return fail('too-long', `the normalized URL is longer than ${maxWebhookUrlLength} characters`);
  }
  const nameProblem = dnsNameProblem(url.hostname);
  if (nameProblem) return fail('invalid-url', nameProblem);
  const refusal = allowPrivateAddresses ? undefined : literalHostRefusal(url.hostname);
  return refusal ? fail('refused-address', refusal) : { ok: true, url };
}

/** Why a URL hostname that needs no DNS is refused, or undefined when it needs DNS or is public. */
export function literalHostRefusal(hostname: string): string | undefined {
  const host = hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) {
    return `the host ${hostname} is this machine (loopback); only public addresses are allowed`;
  }
  if (isIP(host) === 0) return undefined;
  const verdict = classifyAddress(host);
  return verdict.range === 'public'
    ? undefined
    : `the host ${hostname} is not a public address (${describeAddressClass(verdict)})`;
}

/**
 * Why a host name can never be resolved or named in TLS (RFC 1035: at most 253 characters,
 * labels of at most 63), or undefined. Such a URL would fail every attempt, and its TLS
 * server name would fail other deliveries too (see tls-server-name.ts).
 */
function dnsNameProblem(hostname: string): string | undefined {
  const host = hostname.replace(/\.$/, '');
  if (hostname.startsWith('[') || isIP(host) !== 0) return undefined;
  if (host.length > maxDnsNameLength) {
    return `the host name is ${host.length} characters long; a DNS name has at most ${maxDnsNameLength}`;
  }
  const longest = Math.max(...host.split('.').map((label) => label.length));
  return longest > maxDnsLabelLength
    ? `the host name has a label of ${longest} characters; a DNS label has at most ${maxDnsLabelLength}`
    : undefined;
}

const maxDnsNameLength = 253;
const maxDnsLabelLength = 63;

// The URL parser silently drops tabs and newlines and trims spaces; accepting them would
// mean storing one URL and calling another.
function hasWhitespaceOrControl(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code <= 0x20 || code === 0x7f) return true;
  }
  return /\s/.test(text);
}

function fail(code: WebhookUrlProblem, message: string): WebhookUrlCheck {
  return { ok: false, code, message };
}
