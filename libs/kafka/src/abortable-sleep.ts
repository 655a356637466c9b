/**
 * Waits `ms`, or less if `signal` aborts first: a consumer's handler backoff must not hold
 * up `stop()`. Always resolves (an abort is not an error here), and leaves no timer or
 * listener behind either way.
 */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
