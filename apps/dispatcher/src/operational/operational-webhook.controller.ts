import { ApiKeyAuth, CurrentPrincipal, type Principal } from '@leadhooks/auth';
import { ApiErrors, schemaRef, ZodValidationPipe } from '@leadhooks/http';
import { generateSecret } from '@leadhooks/webhook-signing';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Post,
  Put,
} from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DISPATCHER_CONFIG, type DispatcherConfig } from '../config/dispatcher.config';
import { maskedHeaderValue } from '../webhooks/webhook-headers';
import { operationalEventTypes } from './operational-events';
import {
  operationalWebhookBodySchema,
  type OperationalWebhookInput,
  type OperationalWebhookView,
} from './operational-webhook.schemas';
import { OperationalWebhookStore, type OperationalWebhook } from './operational-webhook.store';

const hourMs = 3_600_000;
const notFound = { 404: 'This account has no operational webhook' };

/**
 * The account's operational webhook (decision 065): one per account, told when a webhook is
 * disabled or a delivery is dead-lettered, signed like every webhook with its own secret.
 */
@ApiTags('operational webhook')
@ApiKeyAuth()
@Controller('v1/operational-webhook')
export class OperationalWebhookController {
  private readonly putPipe: ZodValidationPipe<ReturnType<typeof operationalWebhookBodySchema>>;

  constructor(
    private readonly store: OperationalWebhookStore,
    @Inject(DISPATCHER_CONFIG) private readonly config: DispatcherConfig,
  ) {
    this.putPipe = new ZodValidationPipe(
      operationalWebhookBodySchema({
        allowHttp: config.WEBHOOK_ALLOW_HTTP,
        allowPrivateAddresses: config.WEBHOOK_ALLOW_PRIVATE_ADDRESSES,
      }),
    );
  }

  @Put()
  @ApiOperation({
    summary: 'Set the operational webhook (url, headers); its secret is made once and kept',
  })
  @ApiBody({ schema: schemaRef('OperationalWebhookBody') })
  @ApiResponse({ status: 200, schema: schemaRef('OperationalWebhook') })
  @ApiErrors([400, 401, 413, 415, 503])
  async put(
    @CurrentPrincipal() principal: Principal,
    @Body() body: unknown,
  ): Promise<OperationalWebhookView> {
    const input: OperationalWebhookInput = this.putPipe.transform(body);
    return toView(await this.store.put(principal.accountId, input, generateSecret()));
  }

  @Get()
  @ApiOperation({ summary: 'The operational webhook (header values masked)' })
  @ApiResponse({ status: 200, schema: schemaRef('OperationalWebhook') })
  @ApiErrors([401, 404, 503], notFound)
  async get(@CurrentPrincipal() principal: Principal): Promise<OperationalWebhookView> {
    return toView(await this.found(principal.accountId));
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove the operational webhook; nothing more is sent to it' })
  @ApiResponse({ status: 204, description: 'Removed' })
  @ApiErrors([401, 404, 503], notFound)
  async remove(@CurrentPrincipal() principal: Principal): Promise<void> {
    if (!(await this.store.delete(principal.accountId))) throw missing();
  }

  @Get('secret')
  @ApiOperation({ summary: "The operational webhook's signing secret (whsec_...)" })
  @ApiResponse({ status: 200, schema: schemaRef('WebhookSecret') })
  @ApiErrors([401, 404, 503], notFound)
  async secret(@CurrentPrincipal() principal: Principal): Promise<SecretView> {
    return secretView(await this.found(principal.accountId));
  }

  @Post('secret/rotate')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Rotate the signing secret; the previous one also signs until it expires',
  })
  @ApiResponse({ status: 200, schema: schemaRef('WebhookSecret') })
  @ApiErrors([401, 404, 503], notFound)
  async rotate(@CurrentPrincipal() principal: Principal): Promise<SecretView> {
    const overlapUntil = new Date(Date.now() + this.config.WEBHOOK_SECRET_OVERLAP_HOURS * hourMs);
    const rotated = await this.store.rotateSecret(
      principal.accountId,
      generateSecret(),
      overlapUntil,
    );
    if (rotated === undefined) throw missing();
    return secretView(rotated);
  }

  private async found(accountId: string): Promise<OperationalWebhook> {
    const webhook = await this.store.find(accountId);
    if (webhook === undefined) throw missing();
    return webhook;
  }
}

function missing(): NotFoundException {
  return new NotFoundException(notFound[404]);
}

function toView(webhook: OperationalWebhook): OperationalWebhookView {
  return {
    url: webhook.url,
    headers: Object.fromEntries(
      Object.keys(webhook.headers).map((name) => [name, maskedHeaderValue]),
    ),
    events: [...operationalEventTypes],
    created_at: webhook.createdAt.toISOString(),
    updated_at: webhook.updatedAt.toISOString(),
  };
}

interface SecretView {
  secret: string;
  previous_secret_expires_at: string | null;
}

function secretView(webhook: OperationalWebhook): SecretView {
  return {
    secret: webhook.secret,
    previous_secret_expires_at: webhook.previousSecretExpiresAt?.toISOString() ?? null,
  };
}
