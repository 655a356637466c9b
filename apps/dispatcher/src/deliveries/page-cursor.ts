import { ValidationFailedException } from '@leadhooks/http';

/** Where a page ended: the sort key (created_at as Postgres printed it, id) of its last row. */
export interface PageCursor {
  at: string;
  id: string;
}

/** The id forms the lists page over: delivery ids, and resource UUIDs (webhooks). */
export const cursorIds = {
  delivery: /^msg_[a-z2-7]{26}$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
};

/**
 * Opaque to clients (base64url JSON), the same shape as the leads' cursor. The timestamp
 * is kept as Postgres's own text, so its microseconds survive the round trip and no row
 * sharing a millisecond with the page's last one is skipped.
 */
export function encodePageCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id]), 'utf8').toString('base64url');
}

export function decodePageCursor(text: string, idPattern = cursorIds.delivery): PageCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2) {
      const [at, id] = parsed as unknown[];
      if (
        typeof at === 'string' &&
        at.length <= 40 &&
        !Number.isNaN(new Date(at).getTime()) &&
        typeof id === 'string' &&
        idPattern.test(id)
      )
        return { at, id };
    }
  } catch {
    // Falls through to the same 400 as any other cursor we did not issue.
  }
  throw new ValidationFailedException('cursor is not a cursor this API returned', 'cursor');
}
