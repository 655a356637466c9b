import { startConfig } from './start.config';

describe(startConfig.name, () => {
  const envOf = (name: string, env: Record<string, string | undefined>) =>
    startConfig('/repo', env).services.find((spec) => spec.name === name)?.env ?? {};

  it('agrees on ports: each service listens where the gateway sends', () => {
    const config = startConfig('/repo', {
      LEADS_PORT: '4101',
      DISPATCHER_PORT: '4104',
      LOOKUP_PORT: '4102',
    });
    expect(envOf('leads-service', {})).toMatchObject({ PORT: '3001', HOST: '127.0.0.1' });
    expect(config.services.find((spec) => spec.name === 'gateway')?.env).toEqual({
      GATEWAY_PORT: '8080',
      LEADS_SERVICE_URL: 'http://127.0.0.1:4101',
      LOOKUP_SERVICE_URL: 'http://127.0.0.1:4102',
      DISPATCHER_URL: 'http://127.0.0.1:4104',
    });
    expect(config.gatewayUrl).toBe('http://127.0.0.1:8080');
  });

  it('keeps the webhook safety opt-outs off unless LEADHOOKS_DEV_ALLOW_LOCAL_WEBHOOKS is set', () => {
    expect(envOf('dispatcher', {})).not.toHaveProperty('WEBHOOK_ALLOW_HTTP');
    expect(envOf('lookup-service', {})).not.toHaveProperty(
      'LOOKUP_WEBHOOK_ALLOW_PRIVATE_ADDRESSES',
    );
    expect(envOf('dispatcher', { LEADHOOKS_DEV_ALLOW_LOCAL_WEBHOOKS: 'true' })).toMatchObject({
      WEBHOOK_ALLOW_HTTP: 'true',
      WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
    });
    expect(envOf('lookup-service', { LEADHOOKS_DEV_ALLOW_LOCAL_WEBHOOKS: '1' })).toMatchObject({
      LOOKUP_WEBHOOK_ALLOW_HTTP: 'true',
      LOOKUP_WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
    });
  });

  it('refuses a bad port, naming it', () => {
    expect(() => startConfig('/repo', { GATEWAY_PORT: 'eighty' })).toThrow(/GATEWAY_PORT/);
  });
});
