import { randomBytes } from 'node:crypto';

/** A name no other test (or test run) on this broker or server will use. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}
