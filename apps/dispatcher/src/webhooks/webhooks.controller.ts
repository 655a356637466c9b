import { ApiKeyAuth, CurrentPrincipal, type Principal } from '@leadhooks/auth';
import { ResourceId } from '@leadhooks/contracts';
import { ApiErrors, ApiZodParam, ApiZodQuery, schemaRef, ZodValidationPipe } from '@leadhooks/http';
import { Idempotent } from '@leadhooks/idempotency';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import type { z } from 'zod';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { toWebhookView } from './webhook.record';
import {
  ListWebhooksQuery,
  RotateSecretBody,
  type CreateWebhookInput,
  type UpdateWebhookInput,
  type WebhookView,
} from './webhook.schemas';
import { WebhookSchemas } from './webhook-schemas.provider';
import { WebhooksService } from './webhooks.service';

/** `:id`: anything but a UUID is a 400 naming `id`; an unknown UUID is a 404. */
const webhookId = new ZodValidationPipe(ResourceId);
const notFound = { 404: 'No such webhook in this account' };

@ApiTags('webhooks')
@ApiKeyAuth()
@Controller('v1/webhooks')
export class WebhooksController {
  private readonly createPipe: ZodValidationPipe<WebhookSchemas['create']>;
  private readonly updatePipe: ZodValidationPipe<WebhookSchemas['update']>;

  constructor(
    private readonly webhooks: WebhooksService,
    schemas: WebhookSchemas,
  ) {
    this.createPipe = new ZodValidationPipe(schemas.create);
    this.updatePipe = new ZodValidationPipe(schemas.update);
  }

  @Post()
  @Idempotent()
  @ApiOperation({
    summary: 'Create a webhook',
    description: 'Answers 409 when the account already has one of that name.',
  })
  @ApiBody({ schema: schemaRef('CreateWebhook') })
  @ApiResponse({ status: 201, schema: schemaRef('Webhook') })
  @ApiErrors([400, 401, 409, 413, 415, 422, 503], {
    409: 'Another webhook of this account has this name (`field` is `name`), or a request with this Idempotency-Key is in progress',
  })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: unknown,
  ): Promise<WebhookView> {
    const input: CreateWebhookInput = this.createPipe.transform(body);
    return toWebhookView(await this.webhooks.create(principal.accountId, input));
  }

  @Get()
  @ApiOperation({ summary: 'List the webhooks of the account, oldest first, paged by cursor' })
  @ApiZodQuery(ListWebhooksQuery)
  @ApiResponse({ status: 200, schema: schemaRef('WebhookList') })
  @ApiErrors([400, 401, 503])
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(ListWebhooksQuery)) query: z.output<typeof ListWebhooksQuery>,
  ): Promise<{ data: WebhookView[]; next_cursor: string | null }> {
    const page = await this.webhooks.list(principal.accountId, query);
    return { data: page.webhooks.map(toWebhookView), next_cursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a webhook (header values masked)' })
  @ApiZodParam('id', ResourceId)
  @ApiResponse({ status: 200, schema: schemaRef('Webhook') })
  @ApiErrors([400, 401, 404, 503], notFound)
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', webhookId) id: string,
  ): Promise<WebhookView> {
    return toWebhookView(await this.webhooks.get(principal.accountId, id));
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change a webhook; `enabled` enables or disables it, `headers` replaces all headers',
  })
  @ApiZodParam('id', ResourceId)
  @ApiBody({ schema: schemaRef('UpdateWebhook') })
  @ApiResponse({ status: 200, schema: schemaRef('Webhook') })
  @ApiErrors([400, 401, 404, 409, 413, 415, 503], {
    ...notFound,
    409: 'Another webhook of this account has this name; `field` is `name`',
  })
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', webhookId) id: string,
    @Body() body: unknown,
  ): Promise<WebhookView> {
    const input: UpdateWebhookInput = this.updatePipe.transform(body);
    return toWebhookView(await this.webhooks.update(principal.accountId, id, input));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a webhook; its pending retries are cancelled' })
  @ApiZodParam('id', ResourceId)
  @ApiResponse({ status: 204, description: 'Deleted' })
  @ApiErrors([400, 401, 404, 503], notFound)
  async remove(
    @CurrentPrincipal() principal: Principal,
    @Param('id', webhookId) id: string,
  ): Promise<void> {
    await this.webhooks.remove(principal.accountId, id);
  }

  @Get(':id/secret')
  @ApiOperation({ summary: "The webhook's signing secret (whsec_...)" })
  @ApiZodParam('id', ResourceId)
  @ApiResponse({ status: 200, schema: schemaRef('WebhookSecret') })
  @ApiErrors([400, 401, 404, 503], notFound)
  async secret(
    @CurrentPrincipal() principal: Principal,
    @Param('id', webhookId) id: string,
  ): Promise<SecretView> {
    return secretView(await this.webhooks.get(principal.accountId, id));
  }

  @Post(':id/secret/rotate')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Rotate the signing secret',
    description:
      'The previous secret keeps signing (a second signature) until previous_secret_expires_at. ' +
      'No body: we make the new secret; `{"secret": "whsec_..."}`: yours (24 to 64 bytes).',
  })
  @ApiZodParam('id', ResourceId)
  @ApiBody({ schema: schemaRef('RotateSecret'), required: false })
  @ApiResponse({ status: 200, schema: schemaRef('WebhookSecret') })
  @ApiErrors([400, 401, 404, 415, 503], notFound)
  async rotate(
    @CurrentPrincipal() principal: Principal,
    @Param('id', webhookId) id: string,
    @Body(new ZodValidationPipe(RotateSecretBody)) body: z.output<typeof RotateSecretBody>,
  ): Promise<SecretView> {
    return secretView(await this.webhooks.rotateSecret(principal.accountId, id, body.secret));
  }

  @Post(':id/test')
  @HttpCode(202)
  @Idempotent()
  @ApiOperation({ summary: 'Send a sample save_lead event to the webhook now' })
  @ApiZodParam('id', ResourceId)
  @ApiResponse({ status: 202, schema: schemaRef('TestDelivery') })
  @ApiErrors([400, 401, 404, 409, 422, 503], {
    ...notFound,
    409: 'The webhook is disabled (`field` is `enabled`), or a request with this Idempotency-Key is in progress',
  })
  async test(
    @CurrentPrincipal() principal: Principal,
    @Param('id', webhookId) id: string,
  ): Promise<{ delivery_id: string }> {
    const { deliveryId } = await this.webhooks.sendTestEvent(principal.accountId, id);
    return { delivery_id: deliveryId };
  }
}

interface SecretView {
  secret: string;
  previous_secret_expires_at: string | null;
}

function secretView(webhook: { secret: string; previousSecretExpiresAt: Date | null }): SecretView {
  return {
    secret: webhook.secret,
    previous_secret_expires_at: webhook.previousSecretExpiresAt?.toISOString() ?? null,
  };
}
