import type { ReactNode } from 'react';
import type { DeliveryStatus } from '../api/types';

export function Loading({ what }: { what: string }) {
  return (
    <p className="muted" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function ErrorNote({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <p className="error" role="alert">
      {children}
    </p>
  );
}

export function Notice({ children, tone = 'warn' }: { children: ReactNode; tone?: 'ok' | 'warn' }) {
  if (!children) return null;
  return (
    <p className={tone === 'ok' ? 'success' : 'notice'} role="status" aria-live="polite">
      {children}
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}

const statusWords: Record<string, string> = {
  pending: 'pending',
  delivered: 'delivered',
  retrying: 'retrying',
  dead: 'dead letter',
  cancelled: 'cancelled',
};

export function StatusBadge({ status }: { status: DeliveryStatus | string }) {
  return <span className={`badge badge-${status}`}>{statusWords[status] ?? status}</span>;
}

export function EnabledBadge({ enabled }: { enabled: boolean }) {
  return (
    <span className={`badge ${enabled ? 'badge-delivered' : 'badge-cancelled'}`}>
      {enabled ? 'enabled' : 'disabled'}
    </span>
  );
}

/** A field with its label above it, tied by id for screen readers. */
export function Field(props: { id: string; label: string; hint?: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      {props.children}
      {props.hint ? (
        <small id={`${props.id}-hint`} className="muted">
          {props.hint}
        </small>
      ) : null}
    </div>
  );
}
