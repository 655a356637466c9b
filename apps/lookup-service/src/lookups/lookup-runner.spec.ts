import type { LookupCompleted } from '@leadhooks/contracts';
import { ValidationFailedException } from '@leadhooks/http';
import type { LookupCompletedPublisher } from './lookup-completed.publisher';
import { LookupRunner } from './lookup-runner';

function runnerWith(policy = { allowHttp: false, allowPrivateAddresses: false }) {
  const published: LookupCompleted[] = [];
  const publisher = {
    publish: async (message: LookupCompleted) => void published.push(message),
  } as unknown as LookupCompletedPublisher;
  return { runner: new LookupRunner(publisher, policy), published };
}

const context = { accountId: 'acc-1', requestId: 'req-1', endpoint: 'phone-validator' as const };

describe(LookupRunner.name, () => {
  it('publishes exactly the body it returns, with the normalized URL', async () => {
    const { runner, published } = runnerWith();
    const body = await runner.run(
      { ...context, webhookUrl: 'https://HOOKS.test/a?b=1' },
      async () => ({
        when: new Date('2026-01-01T00:00:00Z'),
        gone: undefined,
        n: 1,
      }),
    );
    expect(body).toEqual({ when: '2026-01-01T00:00:00.000Z', n: 1 });
    expect(published).toEqual([
      { ...context, webhookUrl: 'https://hooks.test/a?b=1', occurredAt: expect.any(String), body },
    ]);
  });

  it('publishes nothing without webhook_url', async () => {
    const { runner, published } = runnerWith();
    await runner.run({ ...context, webhookUrl: undefined }, async () => ({ ok: true }));
    expect(published).toEqual([]);
  });

  it.each(['http://hooks.test/a', 'https://u:p@hooks.test/a', 'https://10.0.0.1/a', 'nope'])(
    'refuses %s before doing any work',
    async (webhookUrl) => {
      const { runner, published } = runnerWith();
      const compute = jest.fn(async () => ({}));
      await expect(runner.run({ ...context, webhookUrl }, compute)).rejects.toMatchObject({
        constructor: ValidationFailedException,
        statusCode: 400,
        field: 'webhook_url',
      });
      expect(compute).not.toHaveBeenCalled();
      expect(published).toEqual([]);
    },
  );

  it('honours the explicit opt-outs', async () => {
    const { runner, published } = runnerWith({ allowHttp: true, allowPrivateAddresses: true });
    await runner.run({ ...context, webhookUrl: 'http://10.0.0.1:8080/hook' }, async () => ({}));
    expect(published.map((m) => m.webhookUrl)).toEqual(['http://10.0.0.1:8080/hook']);
  });
});
