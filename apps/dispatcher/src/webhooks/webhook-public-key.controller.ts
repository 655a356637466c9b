import { ApiKeyAuth, CurrentPrincipal, type Principal } from '@leadhooks/auth';
import { ResourceId } from '@leadhooks/contracts';
import { ApiErrors, ApiZodParam, schemaRef, ZodValidationPipe } from '@leadhooks/http';
import { publicKeyOf } from '@leadhooks/webhook-signing';
import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { WebhookRecord } from './webhook.record';
import { WebhooksService } from './webhooks.service';

const webhookId = new ZodValidationPipe(ResourceId);
const notFound = { 404: 'No such webhook in this account' };

interface PublicKeyView {
  public_key: string;
  previous_public_key: string | null;
  previous_public_key_expires_at: string | null;
}

/**
 * The ed25519 key of a webhook's `v1a` signatures (decision 075): only its public half
 * ever leaves the dispatcher.
 */
@ApiTags('webhooks')
@ApiKeyAuth()
@Controller('v1/webhooks/:id/public-key')
export class WebhookPublicKeyController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get()
  @ApiOperation({
    summary: "The webhook's ed25519 public key (whpk_...), which verifies its v1a signatures",
    description:
      'A webhook made before ed25519 signing existed gets its key pair on the first call.',
  })
  @ApiZodParam('id', ResourceId)
  @ApiResponse({ status: 200, schema: schemaRef('WebhookPublicKey') })
  @ApiErrors([400, 401, 404, 503], notFound)
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', webhookId) id: string,
  ): Promise<PublicKeyView> {
    return publicKeyView(await this.webhooks.withSigningKey(principal.accountId, id));
  }

  @Post('rotate')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Rotate the ed25519 key pair',
    description:
      'The previous key keeps signing (a second v1a entry) until previous_public_key_expires_at.',
  })
  @ApiZodParam('id', ResourceId)
  @ApiResponse({ status: 200, schema: schemaRef('WebhookPublicKey') })
  @ApiErrors([400, 401, 404, 503], notFound)
  async rotate(
    @CurrentPrincipal() principal: Principal,
    @Param('id', webhookId) id: string,
  ): Promise<PublicKeyView> {
    return publicKeyView(await this.webhooks.rotateSigningKey(principal.accountId, id));
  }
}

function publicKeyView(webhook: WebhookRecord): PublicKeyView {
  // The service never hands back a webhook without a key from these two calls.
  if (webhook.signingKey === null) throw new Error('webhook has no signing key');
  const overlapping =
    webhook.previousSigningKey !== null &&
    webhook.previousSigningKeyExpiresAt !== null &&
    webhook.previousSigningKeyExpiresAt.getTime() > Date.now();
  return {
    public_key: publicKeyOf(webhook.signingKey),
    previous_public_key:
      overlapping && webhook.previousSigningKey !== null
        ? publicKeyOf(webhook.previousSigningKey)
        : null,
    previous_public_key_expires_at: overlapping
      ? (webhook.previousSigningKeyExpiresAt?.toISOString() ?? null)
      : null,
  };
}
