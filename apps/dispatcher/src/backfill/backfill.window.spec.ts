import { ApiException } from '@leadhooks/http';
import { backfillWindow } from './backfill.window';

const now = new Date('2026-12-08T12:00:00.000Z');
const day = 86_400_000;
const at = (ms: number) => new Date(now.getTime() + ms);

function refusal(run: () => unknown): { statusCode: number; field?: string; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiException) return error.toBody();
    throw error;
  }
  throw new Error('expected a refusal');
}

describe(backfillWindow.name, () => {
  it('reads up to now when no until is given, and says how far back it could reach', () => {
    expect(backfillWindow({ since: at(-day) }, now, 7 * day)).toEqual({
      since: at(-day),
      until: now,
      earliest: at(-7 * day),
    });
  });

  it('has no earliest when the topic keeps everything', () => {
    expect(backfillWindow({ since: at(-400 * day) }, now, null).earliest).toBeNull();
  });

  it.each([
    ['since in the future', { since: at(1) }, 400, 'since'],
    ['until in the future', { since: at(-day), until: at(1) }, 400, 'until'],
    ['since equal to until', { since: at(-day), until: at(-day) }, 400, 'since'],
    ['since after until', { since: at(-day), until: at(-2 * day) }, 400, 'since'],
    ['since older than the retention', { since: at(-7 * day - 1) }, 422, 'since'],
  ])('refuses %s, naming the field', (_name, request, statusCode, field) => {
    expect(refusal(() => backfillWindow(request, now, 7 * day))).toMatchObject({
      statusCode,
      field,
    });
  });

  it('names the earliest possible time and the retention in a 422', () => {
    expect(refusal(() => backfillWindow({ since: at(-8 * day) }, now, 7 * day)).message).toBe(
      'since must be at or after 2026-12-01T12:00:00.000Z: leads.save_lead keeps events for 7d',
    );
  });
});
