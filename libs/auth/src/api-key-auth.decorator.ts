import { apiKeySecurity } from '@leadhooks/http';
import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';
import { ApiKeyGuard } from './api-key.guard';

/**
 * A controller's routes need an API key (ApiKeyGuard, so `@CurrentPrincipal()` works) and
 * the OpenAPI document says both ways to send one. Applied in the order the three class
 * decorators it replaces ran (bottom-up), so the document's `security` list is unchanged:
 * the X-Api-Key scheme first, then bearer.
 */
export function ApiKeyAuth(): ClassDecorator {
  return applyDecorators(
    UseGuards(ApiKeyGuard),
    ApiSecurity(apiKeySecurity.header),
    ApiSecurity(apiKeySecurity.bearer),
  );
}
