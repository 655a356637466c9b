import { z } from 'zod';

/** Machine-readable error codes; clients branch on these, never on the message. */
export const ErrorCodes = {
  validationFailed: 'validation_failed',
  malformedJson: 'malformed_json',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  notFound: 'not_found',
  methodNotAllowed: 'method_not_allowed',
  conflict: 'conflict',
  payloadTooLarge: 'payload_too_large',
  unsupportedMediaType: 'unsupported_media_type',
  tooManyRequests: 'too_many_requests',
  internal: 'internal_error',
  unavailable: 'service_unavailable',
} as const;
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/**
 * The one error body every service answers with. `field` names the offending input (a
 * dotted path into the body, or a query/path parameter); `existingId` is set on a 409
 * caused by a duplicate, so the client can go straight to the existing resource.
 */
export const ApiErrorBody = z
  .strictObject({
    statusCode: z.number().int().min(400).max(599),
    code: z.string(),
    message: z.string(),
    field: z.string().optional(),
    existingId: z.string().optional(),
  })
  .meta({ description: 'Error response, the same for every endpoint and service' });
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

/** Error code of an HTTP status when nothing more specific is known. */
export function codeForStatus(status: number): string {
  switch (status) {
    case 400:
      return ErrorCodes.validationFailed;
    case 401:
      return ErrorCodes.unauthorized;
    case 403:
      return ErrorCodes.forbidden;
    case 404:
      return ErrorCodes.notFound;
    case 405:
      return ErrorCodes.methodNotAllowed;
    case 409:
      return ErrorCodes.conflict;
    case 413:
      return ErrorCodes.payloadTooLarge;
    case 415:
      return ErrorCodes.unsupportedMediaType;
    case 429:
      return ErrorCodes.tooManyRequests;
    case 503:
      return ErrorCodes.unavailable;
    default:
      return status >= 500 ? ErrorCodes.internal : `http_${status}`;
  }
}
