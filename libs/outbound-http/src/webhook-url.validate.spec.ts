import {
  maxWebhookUrlLength,
  validateWebhookUrl,
  type WebhookUrlProblem,
} from './webhook-url.validate';
import type { OutboundPolicy } from './outbound.policy';

const strict: Partial<OutboundPolicy> = {};
const dev: Partial<OutboundPolicy> = { allowHttp: true, allowPrivateAddresses: true };
const long = `https://hooks.example.test/${'a'.repeat(maxWebhookUrlLength)}`;

describe(validateWebhookUrl.name, () => {
  it.each<[string, Partial<OutboundPolicy>, WebhookUrlProblem | 'ok']>([
    ['https://hooks.example.test/in', strict, 'ok'],
    ['https://hooks.example.test:8443/in?x=1#frag', strict, 'ok'],
    ['HTTPS://HOOKS.EXAMPLE.TEST/in', strict, 'ok'],
    ['https://8.8.8.8/in', strict, 'ok'],
    ['https://[2606:4700:4700::1111]/in', strict, 'ok'],
    ['http://hooks.example.test/in', strict, 'scheme-not-allowed'],
    ['http://hooks.example.test/in', { allowHttp: true }, 'ok'],
    ['ftp://hooks.example.test/in', { allowHttp: true }, 'scheme-not-allowed'],
    ['javascript:alert(1)', strict, 'scheme-not-allowed'],
    ['file:///etc/passwd', dev, 'scheme-not-allowed'],
    ['https://user:pass@hooks.example.test/', strict, 'credentials-in-url'],
    ['https://user@hooks.example.test/', dev, 'credentials-in-url'],
    ['https://:pass@hooks.example.test/', strict, 'credentials-in-url'],
    [long, strict, 'too-long'],
    ['not a url', strict, 'invalid-url'],
    ['/relative/path', strict, 'invalid-url'],
    ['', strict, 'invalid-url'],
    ['https://exa\nmple.test/', strict, 'invalid-url'],
    [' https://hooks.example.test/', strict, 'invalid-url'],
    ['https://[::1', strict, 'invalid-url'],
    ['https://hooks.example.test:0/in', strict, 'invalid-url'],
    ['https://hooks.example.test:00/in', strict, 'invalid-url'],
    ['https://hooks.example.test:65536/in', strict, 'invalid-url'],
    ['https://127.0.0.1/', strict, 'refused-address'],
    ['https://127.0.0.1/', { allowPrivateAddresses: true }, 'ok'],
    ['https://[::1]/', strict, 'refused-address'],
    ['https://169.254.169.254/latest/meta-data', strict, 'refused-address'],
    ['https://10.0.0.1/', strict, 'refused-address'],
    ['https://0.0.0.0/', strict, 'refused-address'],
    ['https://[::ffff:10.0.0.1]/', strict, 'refused-address'],
    ['https://[::ffff:a00:1]/', strict, 'refused-address'],
    ['https://[fd00::1]/', strict, 'refused-address'],
    // The URL parser turns these shorthand spellings into 127.0.0.1 before we look.
    ['https://2130706433/', strict, 'refused-address'],
    ['https://0x7f.1/', strict, 'refused-address'],
    ['https://127.1/', strict, 'refused-address'],
    ['https://localhost/', strict, 'refused-address'],
    ['https://LOCALHOST./', strict, 'refused-address'],
    ['https://api.localhost/', strict, 'refused-address'],
    ['https://localhost/', dev, 'ok'],
    // A hostname is resolved at connection time, not here.
    ['https://hooks.test/', strict, 'ok'],
    // Names DNS cannot hold, whose TLS server name OpenSSL refuses: never sendable.
    [`https://${'a.'.repeat(126)}test/`, strict, 'invalid-url'],
    [`https://${'a.'.repeat(124)}test/`, strict, 'ok'],
    [`https://${'a'.repeat(64)}.test/`, strict, 'invalid-url'],
    [`https://${'a'.repeat(63)}.test./`, strict, 'ok'],
  ])('%j with %j is %s', (input, policy, expected) => {
    const result = validateWebhookUrl(input, policy);
    expect(result.ok ? 'ok' : result.code).toBe(expected);
  });

  it('returns the normalized URL it checked', () => {
    const result = validateWebhookUrl('HTTPS://Hooks.Example.TEST:443/a/../in');
    expect(result.ok && result.url.href).toBe('https://hooks.example.test/in');
  });

  it.each([
    ['http://hooks.example.test/', 'the URL scheme is http:; only https: is allowed'],
    ['https://10.0.0.1/', 'the host 10.0.0.1 is not a public address (private)'],
    [
      `https://${'a'.repeat(64)}.test/`,
      'the host name has a label of 64 characters; a DNS label has at most 63',
    ],
    [
      'https://[::ffff:7f00:1]/',
      'the host [::ffff:7f00:1] is not a public address (loopback, ipv4-mapped 127.0.0.1)',
    ],
  ])('says what is wrong with %s', (input, message) => {
    expect(validateWebhookUrl(input)).toMatchObject({ ok: false, message });
  });
});
