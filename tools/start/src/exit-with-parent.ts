import { fstatSync } from 'node:fs';

/**
 * Preloaded into every app by `npm start` (`node -r`). The app's stdin is a pipe whose
 * other end only `npm start` holds, so the kernel closes it when `npm start` dies, even
 * by SIGKILL, and stdin ends. The app then sends itself SIGTERM: its own clean shutdown.
 * Nothing polls; nothing is ever written to the pipe.
 */
function exitWithParent(): void {
  // Node's 'pipe' stdio is a socketpair; a terminal or /dev/null would end (or never end)
  // for other reasons, so only a pipe is watched.
  const stat = fstatSync(0);
  if (!stat.isSocket() && !stat.isFIFO()) return;
  const stdin = process.stdin;
  const stop = (): void => void process.kill(process.pid, 'SIGTERM');
  stdin.once('end', stop);
  stdin.once('error', stop);
  stdin.resume();
  // Watching must not keep alive an app that is shutting down on its own.
  stdin.unref();
}

exitWithParent();
