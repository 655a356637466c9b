import { setupOptions } from './webhook-setup';

describe(setupOptions.name, () => {
  const env = { LEADHOOKS_API_KEY: 'lh_dev' };

  it('reads the flags, with the gateway of npm start by default', () => {
    expect(setupOptions(['--url', 'http://127.0.0.1:4000/leads'], env)).toEqual({
      apiUrl: 'http://127.0.0.1:8080',
      apiKey: 'lh_dev',
      receiverUrl: 'http://127.0.0.1:4000/leads',
      name: 'receiver',
    });
    expect(
      setupOptions(
        ['--url', 'https://hooks.test/in', '--api-url', 'http://127.0.0.1:9', '--name', 'x'],
        env,
      ),
    ).toMatchObject({ apiUrl: 'http://127.0.0.1:9', name: 'x' });
  });

  it.each([
    [['--url', 'http://127.0.0.1:4000/'], {}, 'LEADHOOKS_API_KEY is required'],
    [[], env, '--url is required'],
    [['--url', 'javascript:alert(1)'], env, '--url must be an http(s) URL'],
    [['--url', 'not a url'], env, '--url must be an http(s) URL'],
    [['--url', 'http://a.test/', '--api-url', 'file:///etc/passwd'], env, '--api-url must be'],
    [['--url', 'http://a.test/', '--name', 'n'.repeat(201)], env, '--name must be 1 to 200'],
  ])('refuses %j with a message naming the bad input', (argv, environment, message) => {
    expect(() => setupOptions(argv, environment)).toThrow(message);
  });
});
