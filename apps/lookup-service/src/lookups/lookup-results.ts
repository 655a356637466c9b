import {
  AuthorFinderResult,
  DomainSearchResult,
  EmailFinderResult,
  EmailVerifierResult,
  PhoneFinderResult,
  PhoneValidatorResult,
} from '@leadhooks/contracts';

/** The six 200 bodies, as named schemas of the OpenAPI document (`components.schemas`). */
export const lookupResponseSchemas = {
  EmailVerifierResult,
  EmailFinderResult,
  DomainSearchResult,
  AuthorFinderResult,
  PhoneFinderResult,
  PhoneValidatorResult,
};
export type LookupResultName = keyof typeof lookupResponseSchemas;
