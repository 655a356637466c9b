/** GETs `url` and parses JSON, bounded by `timeoutMs`; rejects unless 200. */
export async function fetchJson(url: URL, timeoutMs: number): Promise<unknown> {
  const answer = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
  if (answer.status !== 200) {
    await answer.body?.cancel();
    throw new Error(`${url.pathname} answered ${answer.status}`);
  }
  return answer.json();
}
