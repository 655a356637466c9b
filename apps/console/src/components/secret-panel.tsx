import { useState } from 'react';
import { describe } from '../api/api-problem';
import type { WebhookSecret } from '../api/types';
import { formatTime, maskSecret } from '../format';
import { ErrorNote, Notice } from './ui';

/**
 * A signing secret (a webhook's, the operational webhook's): hidden until revealed;
 * rotation shows the overlap.
 */
export function SecretPanel(props: {
  reveal: () => Promise<WebhookSecret>;
  rotate: () => Promise<WebhookSecret>;
}) {
  const [secret, setSecret] = useState<WebhookSecret>();
  const [shown, setShown] = useState(false);
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();

  const run = async (action: () => Promise<WebhookSecret>, message?: string) => {
    setError(undefined);
    setNotice(undefined);
    try {
      setSecret(await action());
      if (message) setNotice(message);
    } catch (problem) {
      setError(describe(problem));
    }
  };

  const overlapUntil = secret?.previous_secret_expires_at;
  const overlapping = overlapUntil ? new Date(overlapUntil).getTime() > Date.now() : false;
  return (
    <section className="card" aria-labelledby="secret-title">
      <h2 id="secret-title">Signing secret</h2>
      <p className="muted">
        Deliveries carry a <code>webhook-signature</code> made with this secret (Standard Webhooks);
        verify it on your side.
      </p>
      {secret ? (
        <p>
          <code className="secret">{shown ? secret.secret : maskSecret(secret.secret)}</code>{' '}
          <button type="button" className="secondary" onClick={() => setShown(!shown)}>
            {shown ? 'Hide' : 'Show'}
          </button>
        </p>
      ) : (
        <button type="button" className="secondary" onClick={() => run(props.reveal)}>
          Reveal secret
        </button>
      )}
      {overlapping ? (
        <p className="notice">
          The previous secret also signs until {formatTime(overlapUntil)}: move your receiver to the
          new one before then.
        </p>
      ) : null}
      <div className="actions">
        <button
          type="button"
          className="secondary"
          onClick={() => {
            if (window.confirm('Rotate the secret? The old one keeps signing for 24 hours.'))
              void run(props.rotate, 'Secret rotated.').then(() => setShown(true));
          }}
        >
          Rotate secret
        </button>
      </div>
      <Notice tone="ok">{notice}</Notice>
      <ErrorNote>{error}</ErrorNote>
    </section>
  );
}
