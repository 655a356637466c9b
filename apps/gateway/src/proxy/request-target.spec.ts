import { parseRequestTarget } from './request-target';

describe(parseRequestTarget.name, () => {
  it.each([
    ['/v1/leads', '/v1/leads', ''],
    ['/v1/leads/', '/v1/leads/', ''],
    ['/v1/leads?limit=2&email=a%40b.test', '/v1/leads', '?limit=2&email=a%40b.test'],
    ['/v1/webhooks/abc-1/secret/rotate', '/v1/webhooks/abc-1/secret/rotate', ''],
    ['/v1/leads/a.b/c..d/%20x', '/v1/leads/a.b/c..d/%20x', ''],
    ['/v1/leads?next=/v1/x?y=//z', '/v1/leads', '?next=/v1/x?y=//z'],
    ['/health/ready', '/health/ready', ''],
    ['/', '/', ''],
  ])('accepts %j as path %j and query %j', (raw, path, query) => {
    expect(parseRequestTarget(raw)).toEqual({ ok: true, path, query });
  });

  it.each([
    ['http://127.0.0.1:19446/v1/leads', 'absolute URL'],
    ['https://metadata.test/latest', 'absolute URL'],
    ['HTTP://127.0.0.1/v1/leads', 'absolute URL'],
    ['127.0.0.1:19446', 'starting with /'],
    ['example.test:443', 'starting with /'],
    ['*', 'starting with /'],
    ['', 'starting with /'],
    ['//127.0.0.1:19446/v1/leads', '//'],
    ['//user@127.0.0.1:19446/v1/leads', '//'],
    ['/\\127.0.0.1/v1/leads', 'backslash'],
    ['/v1\\..\\admin', 'backslash'],
    ['/v1/leads?x=\\', 'backslash'],
    ['/v1/leads//x', 'empty segment'],
    ['/v1/leads/../../admin', '. or ..'],
    ['/v1/leads/./x', '. or ..'],
    ['/v1/leads/..', '. or ..'],
    ['/v1/leads/%2e%2e/%2E%2e/admin', '. or ..'],
    ['/v1/leads/.%2e/x', '. or ..'],
    ['/v1/leads/%2e', '. or ..'],
    ['/v1/leads/%2f..%2fadmin', 'encoded /'],
    ['/v1/leads/%5C..', 'encoded /'],
    ['/v1/leads/%zz', 'malformed'],
    ['/v1/leads/%4', 'malformed'],
    ['/v1/leads#frag', 'fragment'],
    ['/v1/le"ads', 'must be encoded'],
    ['/v1/leads/\u00e9', 'must be encoded'],
    ['/v1/leads?q=\u00e9', 'must be encoded'],
    ['/v1/leads?q=a b', 'must be encoded'],
  ])('refuses %j (%s)', (raw, reason) => {
    const target = parseRequestTarget(raw);
    expect(target.ok).toBe(false);
    expect(target.ok ? '' : target.reason).toContain(reason);
  });
});
