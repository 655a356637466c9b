import { ownerOf } from './routes';

describe('ownerOf', () => {
  it.each([
    ['/v1/leads', 'leads-service'],
    ['/v1/leads/abc', 'leads-service'],
    ['/v1/webhooks/1/secret/rotate', 'dispatcher'],
    ['/v1/webhook-url/secret', 'dispatcher'],
    ['/v1/deliveries', 'dispatcher'],
    ['/v1/dead-letters/replay', 'dispatcher'],
    ['/v1/operational-webhook/secret/rotate', 'dispatcher'],
    ['/v1/email-verifier', 'lookup-service'],
    ['/v1/email-finder', 'lookup-service'],
    ['/v1/domain-search', 'lookup-service'],
    ['/v1/author-finder', 'lookup-service'],
    ['/v1/phone-finder', 'lookup-service'],
    ['/v1/phone-validator', 'lookup-service'],
  ])('%s -> %s', (path, owner) => {
    expect(ownerOf(path)).toBe(owner);
  });

  it.each([
    '/v1/leadsx',
    '/v1/',
    '/v1',
    '/leads',
    '/v2/leads',
    '/v1/constructor',
    '/v1/__proto__',
    '/health/ready',
  ])('%s -> nobody', (path) => {
    expect(ownerOf(path)).toBeUndefined();
  });
});
