import { ValidationFailedException } from '@leadhooks/http';

/** Where a page ended: the sort key (created_at, id) of its last lead. */
export interface ListCursor {
  createdAt: Date;
  id: string;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Opaque to clients (base64url JSON), so the sort key can change without an API change. */
export function encodeCursor(cursor: ListCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt.toISOString(), cursor.id]), 'utf8').toString(
    'base64url',
  );
}

export function decodeCursor(text: string): ListCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2) {
      const [createdAt, id] = parsed as unknown[];
      const date = typeof createdAt === 'string' ? new Date(createdAt) : undefined;
      if (date && !Number.isNaN(date.getTime()) && typeof id === 'string' && uuid.test(id)) {
        return { createdAt: date, id };
      }
    }
  } catch {
    // Falls through to the same 400 as any other cursor we did not issue.
  }
  throw new ValidationFailedException('cursor is not a cursor this API returned', 'cursor');
}
