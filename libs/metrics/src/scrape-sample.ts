/**
 * A measurement taken at scrape time and shared by every metric that reads it during
 * that scrape (prom-client collects them all at once), bounded by `timeoutMs` so a slow
 * dependency cannot hold the scrape. A new scrape measures again.
 */
export function scrapeSample<T>(
  measure: () => Promise<T>,
  timeoutMs: number,
  /** Called once per failed measurement (a timeout included), before any reader sees it. */
  onFailure: (error: unknown) => void = () => undefined,
): () => Promise<T> {
  let inFlight: Promise<T> | undefined;
  return () => {
    inFlight ??= withDeadline(measure(), timeoutMs)
      .catch((error: unknown) => {
        onFailure(error);
        throw error;
      })
      .finally(() => (inFlight = undefined));
    return inFlight;
  };
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
