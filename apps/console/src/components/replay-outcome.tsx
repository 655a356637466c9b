import { useEffect, useState } from 'react';
import type { ApiClient } from '../api/api-client';
import { describe } from '../api/api-problem';
import type { DeliveryStatus } from '../api/types';
import { StatusBadge } from './ui';

const settled: DeliveryStatus[] = ['delivered', 'dead', 'cancelled'];

/** The outcome of a replay as it lands: the delivery read every second until it settles. */
export function ReplayOutcome({ api, deliveryId }: { api: ApiClient; deliveryId: string }) {
  const [status, setStatus] = useState<DeliveryStatus>('pending');
  const [error, setError] = useState<string>();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let current = true;
    const read = () =>
      api.delivery(deliveryId).then(
        (delivery) => {
          if (!current) return;
          setStatus(delivery.status);
          setError(undefined);
          // Right after the replay the delivery may still read 'dead' for a moment.
          if (!settled.includes(delivery.status) || delivery.status === 'dead')
            timer = setTimeout(read, 1_000);
        },
        (problem: unknown) => {
          if (!current) return;
          setError(describe(problem));
          timer = setTimeout(read, 2_000);
        },
      );
    void read();
    return () => {
      current = false;
      if (timer) clearTimeout(timer);
    };
  }, [api, deliveryId]);
  return (
    <span role="status" aria-live="polite" className="outcome">
      Replayed: <StatusBadge status={status} />
      {error ? <span className="error small"> {error}</span> : null}
    </span>
  );
}
