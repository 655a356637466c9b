import type { PhoneValidatorResult } from '@leadhooks/contracts';
import {
  isSupportedCountry,
  parsePhoneNumberFromString,
  type CountryCode,
} from 'libphonenumber-js/max';

export type PhoneValidation = PhoneValidatorResult;

export function isPhoneCountry(code: string): boolean {
  return isSupportedCountry(code);
}

/**
 * Parses with the full ("max") metadata, which is what tells a mobile from a fixed line.
 * `country` is the default for numbers written without a +prefix; it does not override
 * one that has it. Anything unparsable is simply not valid: an answer, not an error.
 */
export function validatePhone(phone: string, country?: string): PhoneValidation {
  const defaultCountry =
    country !== undefined && isSupportedCountry(country) ? (country as CountryCode) : undefined;
  const parsed = parsePhoneNumberFromString(phone, defaultCountry);
  if (parsed === undefined) {
    return {
      phone,
      valid: false,
      possible: false,
      type: null,
      e164: null,
      national: null,
      international: null,
      country: null,
      country_calling_code: null,
    };
  }
  const type = parsed.getType();
  return {
    phone,
    valid: parsed.isValid(),
    possible: parsed.isPossible(),
    type: type === undefined ? null : type.toLowerCase(),
    e164: parsed.number,
    national: parsed.formatNational(),
    international: parsed.formatInternational(),
    country: parsed.country ?? null,
    country_calling_code: parsed.countryCallingCode,
  };
}
