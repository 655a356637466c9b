import { ApiException, ErrorCodes, ValidationFailedException } from '@leadhooks/http';
import { formatRetention } from '../retention/retention.duration';

export interface BackfillWindow {
  since: Date;
  until: Date;
  /** The oldest `since` the topic's retention allows now; null when it keeps everything. */
  earliest: Date | null;
}

/**
 * The window a backfill reads, checked against now and the topic's retention. A `since`
 * older than the retention is refused (422 naming the earliest possible time) rather than
 * moved: a client asking for a day it cannot get should know, not find a gap later.
 */
export function backfillWindow(
  request: { since: Date; until?: Date },
  now: Date,
  retentionMs: number | null,
): BackfillWindow {
  const until = request.until ?? now;
  if (request.since.getTime() > now.getTime())
    throw new ValidationFailedException('since must not be in the future', 'since');
  if (until.getTime() > now.getTime())
    throw new ValidationFailedException('until must not be in the future', 'until');
  if (request.since.getTime() >= until.getTime())
    throw new ValidationFailedException('since must be before until', 'since');
  const earliest = retentionMs === null ? null : new Date(now.getTime() - retentionMs);
  if (earliest !== null && request.since.getTime() < earliest.getTime())
    throw new ApiException(
      422,
      ErrorCodes.validationFailed,
      `since must be at or after ${earliest.toISOString()}: leads.save_lead keeps events for ` +
        `${formatRetention(retentionMs ?? 0)}`,
      'since',
    );
  return { since: request.since, until, earliest };
}
