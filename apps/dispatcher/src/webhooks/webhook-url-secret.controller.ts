import { ApiKeyAuth, CurrentPrincipal, type Principal } from '@leadhooks/auth';
import { ApiErrors, schemaRef } from '@leadhooks/http';
import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DISPATCHER_CONFIG, type DispatcherConfig } from '../config/dispatcher.config';
import { AccountSecrets, accountSecretCacheMs } from '../delivery/account-secrets';

const hourMs = 3_600_000;

@ApiTags('webhooks')
@ApiKeyAuth()
@Controller('v1/webhook-url')
export class WebhookUrlSecretController {
  constructor(
    private readonly secrets: AccountSecrets,
    @Inject(DISPATCHER_CONFIG) private readonly config: DispatcherConfig,
  ) {}

  @Get('secret')
  @ApiOperation({ summary: "The secret that signs this account's ad-hoc webhook_url deliveries" })
  @ApiResponse({ status: 200, schema: schemaRef('AccountSecret') })
  @ApiErrors([401, 503])
  async secret(@CurrentPrincipal() principal: Principal): Promise<{ secret: string }> {
    return { secret: await this.secrets.secretOf(principal.accountId) };
  }

  @Post('secret/rotate')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Rotate the account's webhook_url secret; the previous one also signs until it expires",
    description:
      `Every dispatcher instance signs with the new secret within ${accountSecretCacheMs / 1000} s; ` +
      'the previous one keeps signing (a second signature) until previous_secret_expires_at.',
  })
  @ApiResponse({ status: 200, schema: schemaRef('WebhookSecret') })
  @ApiErrors([401, 503])
  async rotate(
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ secret: string; previous_secret_expires_at: string | null }> {
    const overlapUntil = new Date(Date.now() + this.config.WEBHOOK_SECRET_OVERLAP_HOURS * hourMs);
    const rotated = await this.secrets.rotate(principal.accountId, overlapUntil);
    return {
      secret: rotated.secret,
      previous_secret_expires_at: rotated.previousSecretExpiresAt?.toISOString() ?? null,
    };
  }
}
