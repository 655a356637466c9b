import { principalOf } from '@leadhooks/auth';
import { ApiException } from '@leadhooks/http';
import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import type { Request, Response } from 'express';
import { catchError, from, mergeMap, of, throwError, type Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { idempotencyHeader, idempotencyKeyOf, requestFingerprint } from './idempotency-key';
import { IdempotencyStore, type StoredAnswer } from './idempotency.store';

/** Expired rows are purged by whichever request comes first after this, per process. */
const purgeEveryMs = 10 * 60 * 1000;

/**
 * `Idempotency-Key` on a POST (decision 070): the first request with a key runs and its
 * successful answer (status, body, Location) is kept 24 h per account; the same key with
 * the same request gets that answer again without running anything; with another request
 * a 422; while the first still runs a 409. A failed first request keeps nothing, so the
 * same key can be tried again. Without the header a request runs as usual.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly store: IdempotencyStore;
  private nextPurgeAt = 0;

  constructor(dataSource: DataSource) {
    this.store = new IdempotencyStore(dataSource);
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    const key = idempotencyKeyOf(request.headersDistinct['idempotency-key']);
    if (key === undefined) return next.handle();
    const principal = principalOf(request);
    // Keys are scoped per account: a route without the API-key guard is a wiring bug.
    if (principal === undefined) throw new Error('Idempotent route without ApiKeyGuard');
    const { accountId } = principal;
    this.purgeNowAndThen();
    const fingerprint = requestFingerprint(request.method, request.originalUrl, request.body);
    const claim = await this.store.claim(accountId, key, fingerprint);
    if (claim.kind === 'mismatch') throw keyReused();
    if (claim.kind === 'in_progress') throw keyInUse();
    if (claim.kind === 'replay') return of(replay(response, claim.answer));
    const statusCode = successStatus(context, request);
    return next.handle().pipe(
      mergeMap(async (body: unknown) => {
        const location = response.getHeader('location');
        // The answer is given even if keeping it fails: the work is done and must not
        // look failed. The row then stays "in progress" until abandonedAfterMs.
        await this.store
          .complete(accountId, key, {
            statusCode,
            body,
            location: typeof location === 'string' ? location : null,
          })
          .catch(() => undefined);
        return body;
      }),
      catchError((error: unknown) =>
        from(this.store.release(accountId, key).catch(() => undefined)).pipe(
          mergeMap(() => throwError(() => error)),
        ),
      ),
    );
  }

  private purgeNowAndThen(): void {
    const now = Date.now();
    if (now < this.nextPurgeAt) return;
    this.nextPurgeAt = now + purgeEveryMs;
    // Best effort, off the request's path: an expired row is never answered from anyway.
    this.store.purgeExpired().catch(() => (this.nextPurgeAt = 0));
  }
}

function replay(response: Response, answer: StoredAnswer): unknown {
  response.status(answer.statusCode);
  if (answer.location !== null) response.location(answer.location);
  response.setHeader('Idempotent-Replayed', 'true');
  return answer.body;
}

/** The status Nest will answer with: the handler's @HttpCode, else 201 for POST. */
function successStatus(context: ExecutionContext, request: Request): number {
  const declared: unknown = Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler());
  if (typeof declared === 'number') return declared;
  return request.method === 'POST' ? 201 : 200;
}

function keyReused(): ApiException {
  return new ApiException(
    422,
    'idempotency_key_reused',
    `This ${idempotencyHeader} was already used with a different request (method, path or body) in the last 24 h: use a new key`,
    idempotencyHeader,
  );
}

function keyInUse(): ApiException {
  return new ApiException(
    409,
    'idempotency_key_in_use',
    `A request with this ${idempotencyHeader} is still in progress: retry once it has answered`,
    idempotencyHeader,
  );
}
