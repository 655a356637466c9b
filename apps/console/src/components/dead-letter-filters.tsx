import { useState, type FormEvent } from 'react';
import type { Webhook } from '../api/types';
import { fromLocalInput, toLocalInput } from '../datetime';
import { hrefOf } from '../route';
import { FilterActions, TimeRangeFields, WebhookField } from './filter-parts';

export interface DeadLetterRange {
  webhookId?: string;
  from?: string;
  to?: string;
}

/** Webhook and time range of the dead letters, into the URL on submit (keyed like the deliveries'). */
export function DeadLetterFiltersForm(props: { applied: DeadLetterRange; webhooks?: Webhook[] }) {
  const [webhookId, setWebhookId] = useState(props.applied.webhookId);
  const [from, setFrom] = useState(toLocalInput(props.applied.from));
  const [to, setTo] = useState(toLocalInput(props.applied.to));

  const apply = (event: FormEvent) => {
    event.preventDefault();
    window.location.hash = hrefOf({
      page: 'dead-letters',
      webhookId,
      from: fromLocalInput(from),
      to: fromLocalInput(to),
    });
  };

  return (
    <form className="filters" onSubmit={apply} role="search" aria-label="Filter dead letters">
      <WebhookField
        id="dl-webhook"
        webhooks={props.webhooks}
        value={webhookId}
        onChange={setWebhookId}
      />
      <TimeRangeFields
        idPrefix="dl"
        labels={['Dead from', 'Dead before']}
        from={from}
        to={to}
        onFrom={setFrom}
        onTo={setTo}
      />
      <FilterActions clearHref={hrefOf({ page: 'dead-letters' })} />
    </form>
  );
}
