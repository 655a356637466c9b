import { PhoneValidatorResult } from '@leadhooks/contracts';
import { validatePhone } from '../phone/phone-validation';
import { lookupResponseSchemas } from './lookup-results';
import { lookupOpenApiOptions } from '../app/openapi-options';

describe('lookup 200 bodies', () => {
  it.each([
    ['+44 20 7946 0958', undefined],
    ['020 7946 0958', 'GB'],
    ['not a number', undefined],
    ['+1', undefined],
  ])('validatePhone(%j, %j) answers what PhoneValidatorResult documents', (phone, country) => {
    const answer = JSON.parse(JSON.stringify(validatePhone(phone, country)));
    expect(PhoneValidatorResult.safeParse(answer)).toMatchObject({ success: true });
  });

  it('registers each of the six results as a named response schema of the document', () => {
    expect(Object.keys(lookupOpenApiOptions.responseSchemas ?? {}).sort()).toEqual(
      Object.keys(lookupResponseSchemas).sort(),
    );
    expect(Object.keys(lookupResponseSchemas)).toHaveLength(6);
  });
});
