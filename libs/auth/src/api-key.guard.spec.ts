import { ApiExceptionFilter, createLogger } from '@leadhooks/http';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AccountsService, type Principal } from './accounts.service';
import { ApiKeyGuard, CurrentPrincipal } from './api-key.guard';
import { ApiKeyAuth } from './api-key-auth.decorator';

const keyA = 'lh_aaaaaaaaaaaa_key-a';
const keyB = 'lh_bbbbbbbbbbbb_key-b';
const principals: Record<string, Principal> = {
  [keyA]: { accountId: 'account-a', apiKeyId: 'key-a' },
  [keyB]: { accountId: 'account-b', apiKeyId: 'key-b' },
};

@ApiKeyAuth()
@Controller('whoami')
class WhoAmIController {
  @Get()
  whoAmI(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }
}

@Module({
  controllers: [WhoAmIController],
  providers: [
    ApiKeyGuard,
    // Two valid keys of two accounts: what a key resolves to is not what is tested here.
    {
      provide: AccountsService,
      useValue: { authenticate: async (key: string) => principals[key] },
    },
  ],
})
class WhoAmIModule {}

/**
 * Sends header name-value pairs each as its own line (a name may repeat). A raw header
 * list gets no Host from Node, and HTTP/1.1 requires one.
 */
function get(port: number, headers: string[]) {
  return new Promise<{ status: number; body: { message?: string; accountId?: string } }>(
    (resolve, reject) => {
      const request = http.request(
        { host: '127.0.0.1', port, path: '/whoami', headers: ['host', 'auth.test', ...headers] },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => {
            try {
              resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) });
            } catch (error) {
              reject(error);
            }
          });
        },
      );
      request.on('error', reject);
      request.end();
    },
  );
}

describe(ApiKeyGuard.name, () => {
  let app: NestExpressApplication;
  let port: number;

  beforeAll(async () => {
    app = await NestFactory.create<NestExpressApplication>(WhoAmIModule, { logger: false });
    app.useGlobalFilters(new ApiExceptionFilter(createLogger({ name: 'test', level: 'silent' })));
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as AddressInfo).port;
  });

  afterAll(async () => {
    await app?.close();
  });

  it.each([
    ['Authorization', ['authorization', `Bearer ${keyA}`]],
    ['X-Api-Key', ['x-api-key', keyA]],
    ['the same key in both', ['authorization', `Bearer ${keyA}`, 'x-api-key', keyA]],
    [
      'the same Authorization twice',
      ['authorization', `Bearer ${keyA}`, 'authorization', `Bearer ${keyA}`],
    ],
  ])('accepts one key (%s)', async (_case, headers) => {
    expect(await get(port, headers)).toEqual({ status: 200, body: principals[keyA] });
  });

  it.each([
    ['Authorization and X-Api-Key', ['authorization', `Bearer ${keyA}`, 'x-api-key', keyB]],
    [
      'two Authorization headers',
      ['authorization', `Bearer ${keyA}`, 'authorization', `Bearer ${keyB}`],
    ],
    ['two X-Api-Key headers', ['x-api-key', keyB, 'x-api-key', keyA]],
    ['two keys in one Authorization', ['authorization', `Bearer ${keyA}, Bearer ${keyB}`]],
    ['a wrong key beside a valid one', ['authorization', `Bearer ${keyA}`, 'x-api-key', 'nope']],
  ])('refuses two different keys (%s) with a 401 that says so', async (_case, headers) => {
    const answer = await get(port, headers);
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ statusCode: 401, code: 'unauthorized' });
    expect(answer.body.message).toMatch(/two different API keys/i);
  });

  it('still tells a missing key from a conflicting one', async () => {
    const answer = await get(port, []);
    expect(answer.status).toBe(401);
    expect(answer.body.message).toMatch(/API key is required/);
  });
});
