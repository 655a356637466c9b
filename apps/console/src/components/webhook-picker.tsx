import type { Webhook } from '../api/types';

/** A select of the account's webhooks, for filters. */
export function WebhookPicker(props: {
  id: string;
  webhooks: Webhook[] | undefined;
  value: string | undefined;
  onChange: (webhookId: string | undefined) => void;
}) {
  return (
    <select
      id={props.id}
      value={props.value ?? ''}
      onChange={(e) => props.onChange(e.target.value || undefined)}
    >
      <option value="">All webhooks</option>
      {(props.webhooks ?? []).map((webhook) => (
        <option key={webhook.id} value={webhook.id}>
          {webhook.name}
        </option>
      ))}
    </select>
  );
}
