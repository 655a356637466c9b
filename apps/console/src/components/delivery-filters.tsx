import { useState, type FormEvent } from 'react';
import type { DeliveryStatus, Webhook } from '../api/types';
import { fromLocalInput, toLocalInput } from '../datetime';
import { hrefOf, type DeliveryFilters } from '../route';
import { FilterActions, TimeRangeFields, WebhookField } from './filter-parts';
import { Field } from './ui';

const statusChoices: { value: DeliveryStatus; label: string }[] = [
  { value: 'delivered', label: 'delivered' },
  { value: 'retrying', label: 'retrying' },
  { value: 'pending', label: 'pending' },
  { value: 'dead', label: 'dead letter' },
  { value: 'cancelled', label: 'cancelled' },
];

/**
 * The deliveries' filters as a form: applied together on submit, into the URL (which
 * starts again at the newest page). Mount it with a key of the applied filters so the
 * fields follow the back button.
 */
export function DeliveryFiltersForm(props: { applied: DeliveryFilters; webhooks?: Webhook[] }) {
  const { applied } = props;
  const [webhookId, setWebhookId] = useState(applied.webhookId);
  const [status, setStatus] = useState<string>(applied.status ?? '');
  const [eventType, setEventType] = useState(applied.eventType ?? '');
  const [eventId, setEventId] = useState(applied.eventId ?? '');
  const [from, setFrom] = useState(toLocalInput(applied.from));
  const [to, setTo] = useState(toLocalInput(applied.to));

  const apply = (event: FormEvent) => {
    event.preventDefault();
    window.location.hash = hrefOf({
      page: 'deliveries',
      webhookId,
      status: (status || undefined) as DeliveryStatus | undefined,
      eventType: eventType.trim() || undefined,
      eventId: eventId.trim() || undefined,
      from: fromLocalInput(from),
      to: fromLocalInput(to),
    });
  };

  return (
    <form className="filters" onSubmit={apply} role="search" aria-label="Filter deliveries">
      <WebhookField
        id="filter-webhook"
        webhooks={props.webhooks}
        value={webhookId}
        onChange={setWebhookId}
      />
      <Field id="filter-status" label="Status">
        <select id="filter-status" value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">Any status</option>
          {statusChoices.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      </Field>
      <Field id="filter-event-type" label="Event type">
        <input
          id="filter-event-type"
          list="event-types"
          value={eventType}
          onChange={(e) => setEventType(e.target.value)}
        />
        <datalist id="event-types">
          <option value="save_lead" />
          <option value="lookup.completed" />
        </datalist>
      </Field>
      <Field id="filter-event" label="Event id">
        <input id="filter-event" value={eventId} onChange={(e) => setEventId(e.target.value)} />
      </Field>
      <TimeRangeFields
        idPrefix="filter"
        labels={['Created from', 'Created before']}
        from={from}
        to={to}
        onFrom={setFrom}
        onTo={setTo}
      />
      <FilterActions clearHref={hrefOf({ page: 'deliveries' })} />
    </form>
  );
}
