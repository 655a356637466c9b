export { ApiErrorBody, codeForStatus, ErrorCodes, type ErrorCode } from './api-error';
export {
  ApiException,
  ConflictException,
  NotFoundException,
  UnauthorizedException,
  UnsupportedMediaTypeException,
  ValidationFailedException,
} from './api-exceptions';
export { ApiExceptionFilter, retryAfterSeconds } from './api-exception.filter';
export { configureHttpApp, type HttpAppOptions } from './configure-http-app';
export { CoreModule, type CoreModuleOptions, type CoreValue } from './core.module';
export { toApiErrorBody, type DependencyOutageCheck } from './error-mapping';
export {
  checkReadiness,
  HEALTH_INDICATORS,
  HealthController,
  type HealthIndicator,
  type ReadinessReport,
} from './health';
export { createLogger, PinoNestLogger, type LogLevel } from './logger';
export {
  apiKeySecurity,
  buildOpenApiDocument,
  schemaRef,
  setupOpenApi,
  toOpenApiSchema,
  type OpenApiOptions,
} from './openapi';
export { ApiErrors, ApiZodParam, ApiZodQuery, errorStatusDescriptions } from './openapi-decorators';
export { RequestId } from './request-id.decorator';
export { acceptRequestId, requestIdOf } from './request-id.middleware';
export {
  applyServerTimeouts,
  serverHeadersTimeoutMs,
  serverKeepAliveTimeoutMs,
} from './server-timeouts';
export { describeIssue, issueField } from './zod-issues';
export { findIllFormedText, type IllFormedText } from './well-formed-text';
export { WellFormedInputPipe } from './well-formed-input.pipe';
export { parseOrThrow, ZodValidationPipe } from './zod-validation.pipe';
