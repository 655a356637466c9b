import {
  isSupportedCountry,
  parsePhoneNumberFromString,
  type CountryCode,
} from 'libphonenumber-js/max';

export interface PhoneValidation {
  phone: string;
  valid: boolean;
  /** A number of the right length for its country, whether or not the range is assigned. */
  possible: boolean;
  /** libphonenumber's type in snake case (`mobile`, `fixed_line`, `fixed_line_or_mobile`, `toll_free`...), null when unknown. */
  type: string | null;
  e164: string | null;
  national: string | null;
  international: string | null;
  country: string | null;
  country_calling_code: string | null;
  [key: string]: unknown;
}

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
