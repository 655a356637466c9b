import { IdempotencySchema1765320000000 } from './migrations/1765320000000-idempotency-schema';

export { idempotencyHeader } from './idempotency-key';
export { IdempotencyInterceptor } from './idempotency.interceptor';
export { idempotencyTtlMs, IdempotencyStore } from './idempotency.store';
export { Idempotent } from './idempotent.decorator';

/** Add to the DataSource migrations of every service with an idempotent operation. */
export const idempotencyMigrations = [IdempotencySchema1765320000000];
