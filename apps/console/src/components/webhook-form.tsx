import { useState, type FormEvent } from 'react';
import { ApiProblem, describe } from '../api/api-problem';
import {
  subscribableEvents,
  webhookMethods,
  type Webhook,
  type WebhookInput,
  type WebhookMethod,
} from '../api/types';
import { parseHeaderLines } from '../format';
import { ErrorNote, Field } from './ui';

/**
 * Create or edit a webhook. Header values come back masked from the API, so on edit the
 * headers are sent only when the box was changed (then they replace all headers).
 */
export function WebhookForm(props: {
  webhook?: Webhook;
  submitLabel: string;
  onSubmit: (input: WebhookInput) => Promise<void>;
}) {
  const initial = props.webhook;
  const [name, setName] = useState(initial?.name ?? '');
  const [url, setUrl] = useState(initial?.url ?? '');
  const [method, setMethod] = useState<WebhookMethod>(initial?.method ?? 'POST');
  const [events, setEvents] = useState<string[]>(initial?.events ?? ['save_lead']);
  const [enabled, setEnabled] = useState(initial?.enabled ?? true);
  const [headers, setHeaders] = useState(
    initial
      ? Object.keys(initial.headers)
          .map((header) => `${header}: `)
          .join('\n')
      : '',
  );
  const [headersTouched, setHeadersTouched] = useState(false);
  const [error, setError] = useState<string>();
  const [field, setField] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setField(undefined);
    let input: WebhookInput;
    try {
      input = { name, url, method, events, enabled };
      if (!initial || headersTouched) input.headers = parseHeaderLines(headers);
    } catch (problem) {
      setError(describe(problem));
      setField('headers');
      return;
    }
    setBusy(true);
    try {
      await props.onSubmit(input);
    } catch (problem) {
      setError(describe(problem));
      if (problem instanceof ApiProblem) setField(problem.field);
    } finally {
      setBusy(false);
    }
  };

  const invalid = (name: string) => (field === name ? true : undefined);
  return (
    <form className="card form" onSubmit={submit} noValidate>
      <Field id="webhook-name" label="Name">
        <input
          id="webhook-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          aria-invalid={invalid('name')}
        />
      </Field>
      <Field id="webhook-url" label="URL" hint="Where deliveries are sent; HTTPS in production.">
        <input
          id="webhook-url"
          type="url"
          inputMode="url"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          required
          aria-invalid={invalid('url')}
          aria-describedby="webhook-url-hint"
        />
      </Field>
      <Field id="webhook-method" label="Method">
        <select
          id="webhook-method"
          value={method}
          onChange={(e) => setMethod(e.target.value as WebhookMethod)}
        >
          {webhookMethods.map((value) => (
            <option key={value}>{value}</option>
          ))}
        </select>
      </Field>
      <fieldset className="field">
        <legend>Events</legend>
        {subscribableEvents.map((value) => (
          <label key={value} className="check">
            <input
              type="checkbox"
              checked={events.includes(value)}
              onChange={(e) =>
                setEvents(e.target.checked ? [...events, value] : events.filter((v) => v !== value))
              }
            />
            {value}
          </label>
        ))}
      </fieldset>
      <Field
        id="webhook-headers"
        label="Extra headers"
        hint={
          initial
            ? 'One "Name: value" per line. Values are hidden; leave untouched to keep them, or type them all again.'
            : 'One "Name: value" per line, sent with every delivery.'
        }
      >
        <textarea
          id="webhook-headers"
          rows={3}
          value={headers}
          onChange={(e) => {
            setHeaders(e.target.value);
            setHeadersTouched(true);
          }}
          aria-invalid={invalid('headers')}
          aria-describedby="webhook-headers-hint"
        />
      </Field>
      <label className="check">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        Enabled
      </label>
      <ErrorNote>{error}</ErrorNote>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Saving…' : props.submitLabel}
        </button>
      </div>
    </form>
  );
}
