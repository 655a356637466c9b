import { spawn } from 'node:child_process';

/** What `infra.sh up` did to one server: started it now, found it running, or used the given URL. */
export type InfraOutcome = 'started' | 'reused' | 'external';

export interface InfraUp {
  /** DATABASE_URL and KAFKA_BROKERS, for the apps. */
  env: { DATABASE_URL: string; KAFKA_BROKERS: string };
  postgres: InfraOutcome;
  kafka: InfraOutcome;
}

/**
 * `tools/infra/infra.sh up`: starts (or reuses) the private Postgres and Kafka, or checks
 * the DATABASE_URL / KAFKA_BROKERS given. Its stdout carries only KEY=value lines.
 */
export async function infraUp(root: string, env: NodeJS.ProcessEnv): Promise<InfraUp> {
  const vars = parseEnvLines(await runInfra(root, 'up', env));
  const outcome = (name: string): InfraOutcome => {
    const value = vars[name];
    if (value === 'started' || value === 'reused' || value === 'external') return value;
    throw new Error(`infra.sh up printed no valid ${name} (got "${value ?? ''}")`);
  };
  if (!vars.DATABASE_URL || !vars.KAFKA_BROKERS)
    throw new Error('infra.sh up printed no DATABASE_URL / KAFKA_BROKERS');
  return {
    env: { DATABASE_URL: vars.DATABASE_URL, KAFKA_BROKERS: vars.KAFKA_BROKERS },
    postgres: outcome('LEADHOOKS_INFRA_POSTGRES'),
    kafka: outcome('LEADHOOKS_INFRA_KAFKA'),
  };
}

/**
 * Whether stopping `npm start` should also stop the infra, and the lines that say so.
 * `infra.sh down` stops both servers of the state dir, so it runs only when this start
 * launched them and found none of them already running (that one is someone else's:
 * an earlier `infra:up`, or another `npm start`).
 */
export function infraStopPlan(up: Pick<InfraUp, 'postgres' | 'kafka'>): {
  stop: boolean;
  /** Said when stopping. */
  message: string;
  /** Said once everything runs: what Ctrl-C will do. */
  banner: string;
} {
  const servers = { Postgres: up.postgres, Kafka: up.kafka };
  const names = (...outcomes: InfraOutcome[]) =>
    Object.entries(servers)
      .filter(([, value]) => outcomes.includes(value))
      .map(([name]) => name)
      .join(' and ');
  const started = names('started');
  const stop = started !== '' && names('reused') === '';
  const ours = names('started', 'reused');
  const external = names('external');
  const left = [
    !stop &&
      ours &&
      `${ours} kept running, as ${names('reused')} ran before npm start (\`npm run infra:down\` stops ${ours === 'Postgres and Kafka' ? 'them' : 'it'})`,
    external && `${external} not ours (DATABASE_URL / KAFKA_BROKERS), left alone`,
  ].filter((part): part is string => Boolean(part));
  const message = [stop && `stopping ${started} (started by npm start)`, ...left]
    .filter(Boolean)
    .join('; ');
  const banner = [
    `Ctrl-C stops the four apps${stop ? `, then ${started} (started by npm start)` : ''}`,
    ...left,
  ].join('; ');
  return { stop, message, banner: `${banner}.` };
}

/** `infra.sh down` for the same state dir: stops exactly the servers it started. */
export async function infraDown(root: string, env: NodeJS.ProcessEnv): Promise<void> {
  await runInfra(root, 'down', env);
}

function runInfra(root: string, command: 'up' | 'down', env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['tools/infra/infra.sh', command], {
      cwd: root,
      env,
      // Progress lines go to stderr, straight to the user's terminal.
      stdio: ['ignore', 'pipe', 'inherit'],
      // Its own process group: a Ctrl-C in the terminal must not cut `up` or `down` off
      // halfway (a server started, its pid file not yet written); npm start waits for it.
      detached: true,
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve(out);
      else reject(new Error(`infra.sh ${command} failed (exit ${code})`));
    });
  });
}

function parseEnvLines(out: string): Record<string, string> {
  const lines = out.split('\n').filter((line) => /^[A-Z_]+=/.test(line));
  return Object.fromEntries(
    lines.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}
