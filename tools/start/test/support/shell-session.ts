import { type ChildProcess, spawn } from 'node:child_process';
import { waitFor, workspaceRoot } from '@leadhooks/testing';

export interface StepResult {
  /** The exit status of the step's last command. */
  status: number;
  /** What the step's own commands printed (lines of background jobs left out). */
  output: string;
}

const doneMarker = '__walkthrough_step_done__';

/**
 * One bash session, like the terminal a reader pastes into: variables, functions and
 * background jobs carry over from one step to the next. Job control is on (`set -m`),
 * as in an interactive shell, so `kill %1` stops a background job's whole process group.
 * Background jobs write to the same stdout; their lines are told apart by `isJobLine`.
 */
export class ShellSession {
  private readonly child: ChildProcess;
  private stdout = '';
  private stderr = '';
  private consumed = 0;

  constructor(
    env: NodeJS.ProcessEnv,
    private readonly isJobLine: (line: string) => boolean,
  ) {
    this.child = spawn('bash', ['--noprofile', '--norc'], {
      cwd: workspaceRoot,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    this.child.stdout?.on('data', (chunk: Buffer) => (this.stdout += chunk.toString('utf8')));
    this.child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    this.child.stdin?.write('set -m\n');
  }

  /** Every complete line written so far, background jobs' included. */
  lines(): string[] {
    return this.stdout.split('\n').slice(0, -1);
  }

  errors(): string {
    return this.stderr;
  }

  /** Runs `script` as pasted, and waits (bounded) until its last command has returned. */
  async run(script: string, timeoutMs = 60_000): Promise<StepResult> {
    const from = this.consumed;
    this.child.stdin?.write(`${script}\nprintf '\\n${doneMarker} %s\\n' "$?"\n`);
    const end = await waitFor(
      'the walk-through step to finish',
      () => {
        if (this.child.exitCode !== null) throw new Error(`bash exited (${this.child.exitCode})`);
        const at = this.stdout.indexOf(`\n${doneMarker} `, from);
        return at < 0 || !this.stdout.slice(at + 1).includes('\n') ? undefined : at;
      },
      { timeoutMs, intervalMs: 50 },
    );
    const statusLine = this.stdout.slice(end + 1).split('\n')[0];
    this.consumed = end + 1 + statusLine.length + 1;
    const output = this.stdout
      .slice(from, end)
      .split('\n')
      .filter((line) => !this.isJobLine(line))
      .join('\n');
    return { status: Number(statusLine.slice(doneMarker.length + 1)), output };
  }

  /** The value of a shell variable, as the next step would see it. */
  async variable(name: string): Promise<string> {
    return (await this.run(`printf '%s\\n' "$${name}"`)).output.trim();
  }

  /** Ends the session; SIGKILL to its process group for anything still running. */
  close(): void {
    this.child.stdin?.end();
    try {
      process.kill(-(this.child.pid ?? 0), 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}
