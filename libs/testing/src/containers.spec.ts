import { chooseTestInfra } from './containers';

describe('chooseTestInfra', () => {
  const noEngine = { DOCKER_HOST: 'unix:///nonexistent/leadhooks-test/docker.sock' };

  it.each([
    ['testcontainers when asked', { LEADHOOKS_TEST_INFRA: 'testcontainers' }, 'testcontainers'],
    ['local when asked, engine or not', { LEADHOOKS_TEST_INFRA: 'local' }, 'local'],
    ['local by default, engine or not', {}, 'local'],
    [
      'auto: local when servers are given',
      { LEADHOOKS_TEST_INFRA: 'auto', DATABASE_URL: 'postgres://x@127.0.0.1/x' },
      'local',
    ],
    [
      'auto: local when Kafka is given',
      { LEADHOOKS_TEST_INFRA: 'auto', KAFKA_BROKERS: '127.0.0.1:9092' },
      'local',
    ],
    ['auto: local when no engine answers', { LEADHOOKS_TEST_INFRA: 'auto', ...noEngine }, 'local'],
    [
      'auto: local for a remote engine (not probed)',
      { LEADHOOKS_TEST_INFRA: 'auto', DOCKER_HOST: 'tcp://docker.invalid:2375' },
      'local',
    ],
  ])('%s', async (_name, env, expected) => {
    await expect(chooseTestInfra(env)).resolves.toBe(expected);
  });

  it('refuses a value it does not know, naming the variable', async () => {
    await expect(chooseTestInfra({ LEADHOOKS_TEST_INFRA: 'kubernetes' })).rejects.toThrow(
      /LEADHOOKS_TEST_INFRA/,
    );
  });
});
