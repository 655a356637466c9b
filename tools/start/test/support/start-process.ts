import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, waitFor, workspaceRoot } from '@leadhooks/testing';

export interface StartPorts {
  leads: number;
  dispatcher: number;
  lookup: number;
  gateway: number;
}

export interface StartedSystem {
  child: ChildProcess;
  ports: StartPorts;
  /** LEADHOOKS_START_STATE_DIR: logs and the development key of this run only. */
  stateDir: string;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Ctrl-C. */
  interrupt(): void;
}

/** Four free ports and the variables that put `npm start`'s apps on them. */
export async function startPorts(): Promise<{ ports: StartPorts; env: Record<string, string> }> {
  const [leads, dispatcher, lookup, gateway] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  return {
    ports: { leads, dispatcher, lookup, gateway },
    env: {
      LEADS_PORT: String(leads),
      DISPATCHER_PORT: String(dispatcher),
      LOOKUP_PORT: String(lookup),
      GATEWAY_PORT: String(gateway),
    },
  };
}

/**
 * `npm start` in its own process group, as in a terminal: the script itself by default,
 * or `command` (a README line such as `npm start`) run by bash. Output is kept.
 */
export async function spawnStart(env: NodeJS.ProcessEnv, command?: string): Promise<StartedSystem> {
  const { ports, env: portEnv } = await startPorts();
  const stateDir = mkdtempSync(join(tmpdir(), 'leadhooks-start-'));
  const [file, args] = command
    ? ['bash', ['-c', command]]
    : [process.execPath, ['-r', '@swc-node/register', 'tools/start/src/start.ts']];
  const child = spawn(file, args, {
    cwd: workspaceRoot,
    env: {
      ...env,
      ...portEnv,
      SWC_NODE_PROJECT: 'tools/start/tsconfig.app.json',
      LEADHOOKS_START_STATE_DIR: stateDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return {
    child,
    ports,
    stateDir,
    output: () => out,
    exited,
    // A terminal's Ctrl-C: SIGINT to the whole foreground process group.
    interrupt: () => void process.kill(-(child.pid ?? 0), 'SIGINT'),
  };
}

/** Waits for the "API key" line, which comes once all four apps are ready; returns the key and app pids. */
export async function waitRunning(
  system: StartedSystem,
  timeoutMs = 120_000,
): Promise<{ key: string; pids: number[] }> {
  const key = await waitFor(
    'the API key line of npm start',
    () => {
      if (system.child.exitCode !== null)
        throw new Error(`npm start exited (${system.child.exitCode})`);
      return /^API key \([^)]*\): (\S+)$/m.exec(system.output())?.[1];
    },
    { timeoutMs, intervalMs: 200 },
  );
  const pids = [
    ...system.output().matchAll(/(?:leads-service|dispatcher|lookup-service|gateway)=(\d+)/g),
  ].map((match) => Number(match[1]));
  return { key, pids };
}

/** Whether `pid` still runs; a zombie (exited, not yet reaped by its parent) does not. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // The state is the field after the parenthesised command name.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
export function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** The pids still in process group `pgid` (a terminal's foreground job and all it started). */
export async function processGroup(pgid: number): Promise<number[]> {
  const { stdout } = await promisify(execFile)('ps', ['-eo', 'pid=,pgid=']);
  return stdout
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number))
    .filter(([pid, group]) => pid > 0 && group === pgid)
    .map(([pid]) => pid);
}

/** The `ps` lines of processes whose command line names `text` (a state dir: Postgres' -D, Kafka's config). */
export async function processesMentioning(text: string): Promise<string[]> {
  const { stdout } = await promisify(execFile)('ps', ['-eo', 'pid=,args=']);
  return stdout.split('\n').filter((line) => line.includes(text));
}

/** Bounded wait until none of `pids` is alive and none of `ports` is listening. */
export async function waitGone(pids: number[], ports: number[], timeoutMs: number): Promise<void> {
  await waitFor(
    `pids ${pids.join(',')} gone and ports ${ports.join(',')} free`,
    async () => {
      if (pids.some(isAlive)) return undefined;
      const listening = await Promise.all(ports.map(isListening));
      return listening.some(Boolean) ? undefined : true;
    },
    { timeoutMs, intervalMs: 200 },
  );
}

/**
 * afterAll's safety net, only when an assertion failed midway: SIGINT like a user (the
 * script then stops its apps by pid), then SIGKILL whatever is still alive.
 */
export async function cleanUp(system: StartedSystem | undefined, pids: number[]): Promise<void> {
  if (!system) return;
  if (system.child.exitCode === null && system.child.signalCode === null) {
    system.interrupt();
    await Promise.race([system.exited, new Promise((resolve) => setTimeout(resolve, 60_000))]);
  }
  for (const pid of [system.child.pid, ...pids])
    if (pid && isAlive(pid)) process.kill(pid, 'SIGKILL');
}

/** Adds the script's own output to a failure, since it says which app failed and why. */
export async function withOutput<T>(system: StartedSystem, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}\n--- npm start output:\n${system.output()}`,
    );
  }
}
