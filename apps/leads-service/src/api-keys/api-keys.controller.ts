import {
  ApiKeyAuth,
  ApiKeys,
  apiKeyCacheTtlMs,
  CurrentPrincipal,
  type ApiKeyView,
  type Principal,
} from '@leadhooks/auth';
import { ResourceId } from '@leadhooks/contracts';
import {
  ApiErrors,
  ApiZodParam,
  NotFoundException,
  schemaRef,
  ZodValidationPipe,
} from '@leadhooks/http';
import { Idempotent } from '@leadhooks/idempotency';
import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CreateApiKeyBody, type CreateApiKeyInput } from './api-key.schemas';

const keyId = new ZodValidationPipe(ResourceId);
const revocationBound = `${apiKeyCacheTtlMs / 1000} s`;

/** The calling account's API keys (decision 071). */
@ApiTags('api-keys')
@ApiKeyAuth()
@Controller('v1/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeys) {}

  @Post()
  @Idempotent()
  @ApiOperation({
    summary: 'Create an API key for this account',
    description: 'The answer holds the key itself: it is never shown again (only a hash is kept).',
  })
  @ApiBody({ schema: schemaRef('CreateApiKey') })
  @ApiResponse({ status: 201, schema: schemaRef('CreatedApiKey') })
  @ApiErrors([400, 401, 409, 413, 415, 422, 503], {
    409: 'The account has 100 active keys, or a request with this Idempotency-Key is in progress',
  })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(CreateApiKeyBody)) body: CreateApiKeyInput,
  ): Promise<ApiKeyView & { key: string }> {
    return this.keys.create(principal.accountId, body.name ?? null);
  }

  @Get()
  @ApiOperation({ summary: "List this account's API keys (prefix, name, created, last used)" })
  @ApiResponse({ status: 200, schema: schemaRef('ApiKeyList') })
  @ApiErrors([401, 503])
  async list(@CurrentPrincipal() principal: Principal): Promise<{ data: ApiKeyView[] }> {
    return { data: await this.keys.list(principal.accountId) };
  }

  @Delete(':id')
  @ApiOperation({
    summary: 'Revoke an API key',
    description:
      `Refused by this service at once and by every other within ${revocationBound} ` +
      '(their key cache). Revoking the key the request uses is allowed.',
  })
  @ApiZodParam('id', ResourceId)
  @ApiResponse({ status: 200, schema: schemaRef('ApiKey') })
  @ApiErrors([400, 401, 404, 503], { 404: 'No such API key in this account' })
  async revoke(
    @CurrentPrincipal() principal: Principal,
    @Param('id', keyId) id: string,
  ): Promise<ApiKeyView> {
    const revoked = await this.keys.revoke(principal.accountId, id);
    if (revoked === undefined) throw new NotFoundException('No such API key in this account');
    return revoked;
  }
}
