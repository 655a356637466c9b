import type { DataSource } from 'typeorm';

/** How stale `last_used_at` may be: at most one write per key and process in this. */
export const lastUsedResolutionMs = 60_000;
const maxTrackedKeys = 10_000;

/**
 * Records when keys are used without a write per request: a key's `last_used_at` is
 * written at most once per `resolutionMs` by this process, off the request's path. A
 * failed write is forgotten, so the next use tries again; a lost one only makes the
 * listed time older, never blocks a request.
 */
export class LastUsedRecorder {
  private readonly writtenAt = new Map<string, number>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly resolutionMs = lastUsedResolutionMs,
  ) {}

  touch(keyId: string, now = Date.now()): void {
    const last = this.writtenAt.get(keyId);
    if (last !== undefined && now - last < this.resolutionMs) return;
    // Past the bound the map starts over: the cost is one extra write per key, once.
    if (this.writtenAt.size >= maxTrackedKeys) this.writtenAt.clear();
    this.writtenAt.set(keyId, now);
    this.dataSource
      .query(
        `UPDATE auth.api_key SET last_used_at = now()
          WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 second')`,
        [keyId],
      )
      .catch(() => this.writtenAt.delete(keyId));
  }
}
