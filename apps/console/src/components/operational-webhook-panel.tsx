import { useState, type FormEvent } from 'react';
import type { ApiClient } from '../api/api-client';
import { ApiProblem, describe } from '../api/api-problem';
import {
  operationalSecret,
  putOperationalWebhook,
  readOperationalWebhook,
  removeOperationalWebhook,
  rotateOperationalSecret,
  type OperationalWebhook,
} from '../api/operational-calls';
import { parseHeaderLines } from '../format';
import { useApi } from '../use-api';
import { SecretPanel } from './secret-panel';
import { ErrorNote, Field, Loading, Notice } from './ui';

/** Set or change the URL (and headers, which a save replaces: their values are never shown). */
function OperationalWebhookForm(props: {
  current: OperationalWebhook | null;
  onSave: (input: { url: string; headers: Record<string, string> }) => Promise<void>;
}) {
  const [url, setUrl] = useState(props.current?.url ?? '');
  const [headers, setHeaders] = useState('');
  const [error, setError] = useState<string>();
  const [invalid, setInvalid] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setInvalid(undefined);
    setBusy(true);
    try {
      await props.onSave({ url: url.trim(), headers: parseHeaderLines(headers) });
    } catch (problem) {
      setError(describe(problem));
      setInvalid(problem instanceof ApiProblem ? problem.field : 'headers');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <Field id="ops-url" label="Operational webhook URL">
        <input
          id="ops-url"
          type="url"
          inputMode="url"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          aria-invalid={invalid === 'url' ? true : undefined}
          required
        />
      </Field>
      <Field
        id="ops-headers"
        label="Extra headers"
        hint='One "Name: value" per line. Saving replaces the headers: type again any you keep.'
      >
        <textarea
          id="ops-headers"
          rows={2}
          value={headers}
          onChange={(e) => setHeaders(e.target.value)}
          aria-invalid={invalid?.startsWith('headers') ? true : undefined}
          aria-describedby="ops-headers-hint"
        />
      </Field>
      <ErrorNote>{error}</ErrorNote>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy
            ? 'Saving…'
            : props.current
              ? 'Save operational webhook'
              : 'Set operational webhook'}
        </button>
      </div>
    </form>
  );
}

/** The account's operational webhook (decision 065): told of disabled webhooks and dead letters. */
export function OperationalWebhookPanel({ api }: { api: ApiClient }) {
  const webhook = useApi(() => readOperationalWebhook(api), [api]);
  const [notice, setNotice] = useState<string>();
  const [error, setError] = useState<string>();
  const current = webhook.data;

  const save = async (input: { url: string; headers: Record<string, string> }) => {
    setNotice(undefined);
    await putOperationalWebhook(api, input);
    setNotice('Operational webhook saved.');
    webhook.reload();
  };
  const remove = async () => {
    if (!window.confirm('Remove the operational webhook? Nothing more is sent to it.')) return;
    setError(undefined);
    try {
      await removeOperationalWebhook(api);
      setNotice('Operational webhook removed.');
      webhook.reload();
    } catch (problem) {
      setError(describe(problem));
    }
  };

  return (
    <section className="card" aria-labelledby="ops-title">
      <h2 id="ops-title">Operational webhook</h2>
      <p className="muted">
        Told when one of your webhooks is disabled or a delivery becomes a dead letter.
      </p>
      {webhook.loading && current === undefined ? <Loading what="the operational webhook" /> : null}
      <ErrorNote>{webhook.error}</ErrorNote>
      {current ? (
        <dl className="facts">
          <dt>URL</dt>
          <dd className="mono wrap">{current.url}</dd>
          <dt>Events</dt>
          <dd>{current.events.join(', ')}</dd>
          <dt>Extra headers</dt>
          <dd className="mono">
            {Object.entries(current.headers)
              .map(([name, value]) => `${name}: ${value}`)
              .join(', ') || 'none'}
          </dd>
        </dl>
      ) : null}
      {current === null ? <p>None set: operational events are not sent.</p> : null}
      {current !== undefined ? (
        <OperationalWebhookForm
          key={current?.updated_at ?? 'none'}
          current={current}
          onSave={save}
        />
      ) : null}
      <Notice tone="ok">{notice}</Notice>
      <ErrorNote>{error}</ErrorNote>
      {current ? (
        <>
          <SecretPanel
            reveal={() => operationalSecret(api)}
            rotate={() => rotateOperationalSecret(api)}
          />
          <button type="button" className="danger" onClick={remove}>
            Remove operational webhook
          </button>
        </>
      ) : null}
    </section>
  );
}
