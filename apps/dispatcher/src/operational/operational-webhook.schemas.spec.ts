import { operationalWebhookBodySchema } from './operational-webhook.schemas';

const production = operationalWebhookBodySchema({ allowHttp: false, allowPrivateAddresses: false });

function refusal(body: unknown): { path: string; message: string } | undefined {
  const result = production.safeParse(body);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  return { path: issue?.path.join('.') ?? '', message: issue?.message ?? '' };
}

describe('PUT /v1/operational-webhook body', () => {
  it('accepts a public https URL and headers, normalized', () => {
    expect(
      production.parse({ url: 'https://Ops.Example.test/in', headers: { 'X-Token': 'abc' } }),
    ).toEqual({ url: 'https://ops.example.test/in', headers: { 'X-Token': 'abc' } });
  });

  it.each([
    ['a private address', 'https://10.0.0.1/in'],
    ['loopback', 'https://127.0.0.1/in'],
    ['link-local metadata', 'https://169.254.169.254/latest'],
    ['localhost', 'https://localhost/in'],
    ['IPv6 loopback', 'https://[::1]/in'],
    ['plain http', 'http://ops.example.test/in'],
    ['credentials', 'https://user:pass@ops.example.test/in'],
    ['port 0', 'https://ops.example.test:0/in'],
    ['another scheme', 'ftp://ops.example.test/in'],
    ['not a URL', 'not a url'],
    ['a NUL', 'https://ops.example.test/\u0000'],
    ['a very long URL', `https://ops.example.test/${'a'.repeat(3000)}`],
  ])('refuses %s as url', (_name, url) => {
    expect(refusal({ url })?.path).toBe('url');
  });

  it.each([
    ['a CR LF', { 'X-Token': 'a\r\nInjected: 1' }, 'X-Token'],
    ['a NUL', { 'X-Token': 'a\u0000b' }, 'X-Token'],
    ['U+2028', { 'X-Token': 'a\u2028b' }, 'X-Token'],
    ['a reserved name', { 'webhook-signature': 'v1,forged' }, 'webhook-signature'],
    ['Host', { Host: 'elsewhere.example.test' }, 'Host'],
    ['a name that is not a token', { 'X Token': 'a' }, 'X Token'],
  ])('refuses a header with %s', (_name, headers, header) => {
    expect(refusal({ url: 'https://ops.example.test/in', headers })?.path).toBe(
      `headers.${header}`,
    );
  });

  it('refuses unknown fields, a missing url and non-objects', () => {
    expect(refusal({ url: 'https://ops.example.test/in', secret: 'whsec_x' })).toBeDefined();
    expect(refusal({})?.path).toBe('url');
    expect(refusal([])).toBeDefined();
    expect(refusal('https://ops.example.test/in')).toBeDefined();
    expect(refusal({ url: 42 })?.path).toBe('url');
  });

  it('refuses more than 20 headers', () => {
    const headers = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`X-H${i}`, 'v']));
    expect(refusal({ url: 'https://ops.example.test/in', headers })?.path).toBe('headers');
  });
});
