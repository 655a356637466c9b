import { ApiKeyGuard, CurrentPrincipal, type Principal } from '@leadhooks/auth';
import { ApiErrors, apiKeySecurity, schemaRef } from '@leadhooks/http';
import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { AccountSecrets } from '../delivery/account-secrets';

@ApiTags('webhooks')
@ApiSecurity(apiKeySecurity.bearer)
@ApiSecurity(apiKeySecurity.header)
@UseGuards(ApiKeyGuard)
@Controller('v1/webhook-url')
export class WebhookUrlSecretController {
  constructor(private readonly secrets: AccountSecrets) {}

  @Get('secret')
  @ApiOperation({ summary: "The secret that signs this account's ad-hoc webhook_url deliveries" })
  @ApiResponse({ status: 200, schema: schemaRef('AccountSecret') })
  @ApiErrors([401, 503])
  async secret(@CurrentPrincipal() principal: Principal): Promise<{ secret: string }> {
    return { secret: await this.secrets.secretOf(principal.accountId) };
  }
}
