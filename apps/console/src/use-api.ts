import { useEffect, useState } from 'react';
import { describe } from './api/api-problem';

export interface Loaded<T> {
  data: T | undefined;
  error: string | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * One read of the API for a page: loading, then the data or the error in words.
 * `pollMs` re-reads in the background (no loading flash) while the page is open.
 */
export function useApi<T>(read: () => Promise<T>, deps: unknown[], pollMs?: number): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(true);
  const [round, setRound] = useState(0);

  useEffect(() => {
    let current = true;
    const load = (quiet: boolean) => {
      if (!quiet) setLoading(true);
      read().then(
        (value) => {
          if (!current) return;
          setData(value);
          setError(undefined);
          setLoading(false);
        },
        (problem: unknown) => {
          if (!current) return;
          setError(describe(problem));
          setLoading(false);
        },
      );
    };
    load(false);
    const timer = pollMs ? setInterval(() => load(true), pollMs) : undefined;
    return () => {
      current = false;
      if (timer) clearInterval(timer);
    };
    // `deps` are what `read` reads: a new value means a new read.
  }, [...deps, round, pollMs]);

  return { data, error, loading, reload: () => setRound((value) => value + 1) };
}
