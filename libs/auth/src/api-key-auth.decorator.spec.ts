import { apiKeySecurity } from '@leadhooks/http';
import { UseGuards } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';
import { ApiKeyAuth } from './api-key-auth.decorator';
import { ApiKeyGuard } from './api-key.guard';

// Nest's and @nestjs/swagger's metadata keys (not exported from their entry points).
const GUARDS_METADATA = '__guards__';
const API_SECURITY = 'swagger/apiSecurity';

@ApiSecurity(apiKeySecurity.bearer)
@ApiSecurity(apiKeySecurity.header)
@UseGuards(ApiKeyGuard)
class ByHand {}

@ApiKeyAuth()
class WithApiKeyAuth {}

describe(ApiKeyAuth.name, () => {
  it('guards with ApiKeyGuard', () => {
    expect(Reflect.getMetadata(GUARDS_METADATA, WithApiKeyAuth)).toEqual([ApiKeyGuard]);
  });

  it('leaves the OpenAPI security list as the three decorators by hand made it', () => {
    const security = Reflect.getMetadata(API_SECURITY, WithApiKeyAuth);
    expect(security).toEqual(Reflect.getMetadata(API_SECURITY, ByHand));
    expect(security).toEqual([{ [apiKeySecurity.header]: [] }, { [apiKeySecurity.bearer]: [] }]);
  });
});
