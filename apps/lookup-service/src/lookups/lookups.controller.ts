import { ApiKeyGuard, CurrentPrincipal, type Principal } from '@leadhooks/auth';
import type {
  AuthorFinderResult,
  DomainSearchResult,
  EmailFinderResult,
  EmailVerifierResult,
  LookupEndpoint,
  PhoneFinderResult,
  PhoneValidatorResult,
} from '@leadhooks/contracts';
import {
  apiKeySecurity,
  schemaRef,
  ValidationFailedException,
  ZodValidationPipe,
} from '@leadhooks/http';
import {
  applyDecorators,
  Controller,
  Get,
  Query,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { AuthorFinder } from '../author/author-finder';
import { EmailVerifier } from '../email/email-verifier';
import { DomainSearch } from '../finder/domain-search';
import { EmailFinder } from '../finder/email-finder';
import { splitFullName } from '../finder/email-patterns';
import { LookupMetricsInterceptor } from '../metrics/lookup-metrics.interceptor';
import { PhoneFinder } from '../finder/phone-finder';
import { validatePhone } from '../phone/phone-validation';
import { LookupRequestId } from './lookup-request-id.decorator';
import { LookupRunner } from './lookup-runner';
import {
  AuthorFinderQuery,
  DomainSearchQuery,
  EmailFinderQuery,
  EmailVerifierQuery,
  PhoneFinderQuery,
  PhoneValidatorQuery,
  type AuthorFinderParams,
  type DomainSearchParams,
  type EmailFinderParams,
  type EmailVerifierParams,
  type PhoneFinderParams,
  type PhoneValidatorParams,
} from './lookup.schemas';
import type { LookupResultName } from './lookup-results';

const common = (summary: string, description: string, result: LookupResultName) =>
  applyDecorators(
    ApiOperation({
      summary,
      description: `${description} With webhook_url, the same body is POSTed there asynchronously.`,
    }),
    ApiQuery({
      name: 'webhook_url',
      required: false,
      schema: { type: 'string', format: 'uri', maxLength: 2048 },
    }),
    ApiResponse({
      status: 200,
      description: 'The lookup result; X-Request-Id identifies it (and its webhook)',
      schema: schemaRef(result),
    }),
    ApiResponse({
      status: 400,
      description: 'Invalid input; `field` names it (webhook_url included)',
      schema: schemaRef('Error'),
    }),
    ApiResponse({
      status: 401,
      description: 'Missing or invalid API key',
      schema: schemaRef('Error'),
    }),
    ApiResponse({
      status: 503,
      description: 'webhook_url given but the webhook could not be queued',
      schema: schemaRef('Error'),
    }),
  );

/** The six lookups. Thin: parse, then hand the work to LookupRunner and the finder it names. */
@ApiTags('lookups')
@ApiSecurity(apiKeySecurity.bearer)
@ApiSecurity(apiKeySecurity.header)
@UseGuards(ApiKeyGuard)
@UseInterceptors(LookupMetricsInterceptor)
@Controller('v1')
export class LookupsController {
  constructor(
    private readonly runner: LookupRunner,
    private readonly verifier: EmailVerifier,
    private readonly finder: EmailFinder,
    private readonly domainSearch: DomainSearch,
    private readonly phoneFinder: PhoneFinder,
    private readonly authorFinder: AuthorFinder,
  ) {}

  @Get('email-verifier')
  @common(
    'Verify an email address',
    'Syntax, disposable and webmail domains, MX records; status valid, invalid, risky or unknown, and a score.',
    'EmailVerifierResult',
  )
  @ApiQuery({ name: 'email', required: true })
  emailVerifier(
    @CurrentPrincipal() principal: Principal,
    @LookupRequestId() requestId: string,
    @Query(new ZodValidationPipe(EmailVerifierQuery)) query: EmailVerifierParams,
  ): Promise<EmailVerifierResult> {
    return this.run('email-verifier', principal, requestId, query.webhook_url, () =>
      this.verifier.verify(query.email),
    );
  }

  @Get('email-finder')
  @common(
    'Find a person’s email address at a domain',
    'Ranked by the pattern of the account’s known addresses at the domain; the best is verified.',
    'EmailFinderResult',
  )
  @ApiQuery({ name: 'domain', required: true })
  @ApiQuery({ name: 'first_name', required: false })
  @ApiQuery({ name: 'last_name', required: false })
  @ApiQuery({
    name: 'full_name',
    required: false,
    description: 'Instead of first_name and last_name',
  })
  emailFinderLookup(
    @CurrentPrincipal() principal: Principal,
    @LookupRequestId() requestId: string,
    @Query(new ZodValidationPipe(EmailFinderQuery)) query: EmailFinderParams,
  ): Promise<EmailFinderResult> {
    return this.run('email-finder', principal, requestId, query.webhook_url, () => {
      const names =
        query.full_name === undefined
          ? { first: query.first_name ?? '', last: query.last_name ?? '' }
          : splitFullName(query.full_name);
      if (names === undefined)
        throw new ValidationFailedException(
          'full_name must hold a first and a last name',
          'full_name',
        );
      return this.finder.find({
        accountId: principal.accountId,
        domain: query.domain,
        firstName: names.first,
        lastName: names.last,
      });
    });
  }

  @Get('domain-search')
  @common(
    'People and addresses the account knows at a domain',
    'Newest first, with the domain’s dominant email pattern.',
    'DomainSearchResult',
  )
  @ApiQuery({ name: 'domain', required: true })
  @ApiQuery({
    name: 'limit',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: 100, default: 10 },
  })
  @ApiQuery({
    name: 'offset',
    required: false,
    schema: { type: 'integer', minimum: 0, maximum: 10000, default: 0 },
  })
  domainSearchLookup(
    @CurrentPrincipal() principal: Principal,
    @LookupRequestId() requestId: string,
    @Query(new ZodValidationPipe(DomainSearchQuery)) query: DomainSearchParams,
  ): Promise<DomainSearchResult> {
    return this.run('domain-search', principal, requestId, query.webhook_url, () =>
      this.domainSearch.search(principal.accountId, query.domain, {
        limit: query.limit,
        offset: query.offset,
      }),
    );
  }

  @Get('author-finder')
  @common(
    'Find the author of a web page and their email address',
    'The page is fetched under the outbound safety rules.',
    'AuthorFinderResult',
  )
  @ApiQuery({ name: 'url', required: true, schema: { type: 'string', format: 'uri' } })
  authorFinderLookup(
    @CurrentPrincipal() principal: Principal,
    @LookupRequestId() requestId: string,
    @Query(new ZodValidationPipe(AuthorFinderQuery)) query: AuthorFinderParams,
  ): Promise<AuthorFinderResult> {
    return this.run('author-finder', principal, requestId, query.webhook_url, () =>
      this.authorFinder.find(principal.accountId, this.authorFinder.checkUrl(query.url)),
    );
  }

  @Get('phone-finder')
  @common(
    'Phone numbers known for a person or a domain',
    'From the account’s leads.',
    'PhoneFinderResult',
  )
  @ApiQuery({ name: 'email', required: false })
  @ApiQuery({ name: 'domain', required: false })
  phoneFinderLookup(
    @CurrentPrincipal() principal: Principal,
    @LookupRequestId() requestId: string,
    @Query(new ZodValidationPipe(PhoneFinderQuery)) query: PhoneFinderParams,
  ): Promise<PhoneFinderResult> {
    return this.run('phone-finder', principal, requestId, query.webhook_url, () =>
      query.email !== undefined
        ? this.phoneFinder.byEmail(principal.accountId, query.email)
        : this.phoneFinder.byDomain(principal.accountId, query.domain ?? ''),
    );
  }

  @Get('phone-validator')
  @common(
    'Validate and format a phone number',
    'Validity, type, E.164, national and international formats, country.',
    'PhoneValidatorResult',
  )
  @ApiQuery({ name: 'phone', required: true })
  @ApiQuery({
    name: 'country',
    required: false,
    description: 'ISO 3166-1 alpha-2, for numbers without +prefix',
  })
  phoneValidator(
    @CurrentPrincipal() principal: Principal,
    @LookupRequestId() requestId: string,
    @Query(new ZodValidationPipe(PhoneValidatorQuery)) query: PhoneValidatorParams,
  ): Promise<PhoneValidatorResult> {
    return this.run('phone-validator', principal, requestId, query.webhook_url, async () =>
      validatePhone(query.phone, query.country),
    );
  }

  private run<T extends object>(
    endpoint: LookupEndpoint,
    principal: Principal,
    requestId: string,
    webhookUrl: string | undefined,
    compute: () => Promise<T>,
  ): Promise<T> {
    return this.runner.run(
      { accountId: principal.accountId, requestId, endpoint, webhookUrl },
      compute,
    );
  }
}
