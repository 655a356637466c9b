import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type RunningService, startService, stopServices, tailOf, waitReady } from './children';
import { ensureConsoleBuilt } from './console-build';
import { developmentApiKey } from './dev-account';
import { infraDown, infraStopPlan, infraUp } from './infra';
import { startConfig } from './start.config';

/**
 * `npm start`: infra up (or reuse), the three services and the gateway as child
 * processes, each waited for on /health/ready, a development API key, then wait for
 * Ctrl-C, which stops the apps and the infra this run started. Every service runs its
 * own migrations and creates its topics at boot.
 */
async function main(): Promise<void> {
  const root = resolve(__dirname, '../../..');
  const config = startConfig(root, process.env);
  const logDir = join(config.stateDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const say = (line: string): void => void process.stdout.write(`${line}\n`);

  // Not awaited yet: a Ctrl-C while the infra starts must still stop what it started.
  const infraStarting = infraUp(root, process.env);
  const consoleBuilding = ensureConsoleBuilt(root);
  const services: RunningService[] = [];
  let stopping = false;
  const stop = async (code: number): Promise<never> => {
    // A failure seen while stopping waits for the first stop to end.
    if (stopping) return new Promise<never>(() => undefined);
    stopping = true;
    consoleBuilding.cancel();
    say('stopping the apps...');
    await stopServices(services);
    say('apps stopped.');
    // Rejected: infra.sh up failed and said why; nothing more to stop from here.
    const plan = await infraStarting.then(infraStopPlan, () => undefined);
    if (plan?.message) say(plan.message);
    if (plan?.stop) {
      try {
        await infraDown(root, process.env);
      } catch (error) {
        process.stderr.write(`${messageOf(error)}\n`);
        return process.exit(1);
      }
    }
    process.exit(code);
  };
  const onSignal = (): void => {
    if (stopping) say('already stopping (an app still running after 15 s gets SIGKILL)');
    else void stop(0);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const infra = await infraStarting;
  say(await consoleBuilding.outcome);
  if (stopping) return;
  const infraPlan = infraStopPlan(infra);
  const env: NodeJS.ProcessEnv = { ...process.env, ...infra.env };

  const backends = config.services.filter((spec) => spec.name !== 'gateway');
  const gatewaySpec = config.services.find((spec) => spec.name === 'gateway');
  if (!gatewaySpec) throw new Error('no gateway in the start configuration');
  try {
    for (const spec of backends) services.push(startService(root, spec, env, logDir));
    await Promise.all(services.map((service) => waitReady(service, config.readyTimeoutMs)));
    if (stopping) return;
    const gateway = startService(root, gatewaySpec, env, logDir);
    services.push(gateway);
    await waitReady(gateway, config.readyTimeoutMs);
  } catch (error) {
    process.stderr.write(`${messageOf(error)}\n`);
    for (const service of services)
      process.stderr.write(`--- ${service.logFile}\n${tailOf(service.logFile)}\n`);
    return stop(1);
  }
  for (const service of services) {
    void service.exited.then((code) => {
      if (stopping) return;
      process.stderr.write(`${service.spec.name} exited (${code}); see ${service.logFile}\n`);
      void stop(1);
    });
  }

  let account: Awaited<ReturnType<typeof developmentApiKey>>;
  try {
    account = await developmentApiKey({
      root,
      stateDir: config.stateDir,
      gatewayUrl: config.gatewayUrl,
      env,
    });
  } catch (error) {
    process.stderr.write(`${messageOf(error)}\n`);
    return stop(1);
  }
  const { key, created, file } = account;
  say('');
  say(
    `leadhooks is running: ${config.gatewayUrl}   (docs: ${config.gatewayUrl}/docs, console: ${config.gatewayUrl}/console/)`,
  );
  say(`API key (${created ? 'new development account' : 'development account'}): ${key}`);
  say(`  curl -H "Authorization: Bearer ${key}" ${config.gatewayUrl}/v1/leads`);
  say(`  (kept in ${file}: KEY=$(cat ${file}))`);
  say(`logs: ${logDir}/<app>.log`);
  say(`pids: ${services.map((service) => `${service.spec.name}=${service.child.pid}`).join(' ')}`);
  say(infraPlan.banner);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

main().catch((error: unknown) => {
  process.stderr.write(`npm start failed: ${messageOf(error)}\n`);
  process.exit(1);
});
