import type { Webhook } from '../api/types';
import { Field } from './ui';
import { WebhookPicker } from './webhook-picker';

/** "Webhook": one of the account's, or all. */
export function WebhookField(props: {
  id: string;
  webhooks: Webhook[] | undefined;
  value: string | undefined;
  onChange: (webhookId: string | undefined) => void;
}) {
  return (
    <Field id={props.id} label="Webhook">
      <WebhookPicker {...props} />
    </Field>
  );
}

/** Two datetime-local fields for [from, to), in the reader's zone. */
export function TimeRangeFields(props: {
  idPrefix: string;
  labels: [string, string];
  from: string;
  to: string;
  onFrom: (value: string) => void;
  onTo: (value: string) => void;
}) {
  const fields = [
    { id: `${props.idPrefix}-from`, label: props.labels[0], value: props.from, set: props.onFrom },
    { id: `${props.idPrefix}-to`, label: props.labels[1], value: props.to, set: props.onTo },
  ];
  return (
    <>
      {fields.map((field) => (
        <Field key={field.id} id={field.id} label={field.label}>
          <input
            id={field.id}
            type="datetime-local"
            value={field.value}
            onChange={(e) => field.set(e.target.value)}
          />
        </Field>
      ))}
    </>
  );
}

/** Apply the filters (the form's submit), or clear them all. */
export function FilterActions({ clearHref }: { clearHref: string }) {
  return (
    <div className="filter-actions">
      <button type="submit" className="secondary">
        Filter
      </button>
      <a className="button secondary" href={clearHref}>
        Clear
      </a>
    </div>
  );
}
