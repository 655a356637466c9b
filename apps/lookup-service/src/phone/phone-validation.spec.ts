import { validatePhone } from './phone-validation';

describe(validatePhone.name, () => {
  it.each([
    // input, country, expected
    [
      '+44 20 7946 0958',
      undefined,
      {
        valid: true,
        type: 'fixed_line',
        e164: '+442079460958',
        country: 'GB',
        country_calling_code: '44',
      },
    ],
    [
      '020 7946 0958',
      'GB',
      {
        valid: true,
        e164: '+442079460958',
        national: '020 7946 0958',
        international: '+44 20 7946 0958',
      },
    ],
    [
      '+1 415 555 2671',
      undefined,
      { possible: true, e164: '+14155552671', country_calling_code: '1' },
    ],
    [
      '+33 6 12 34 56 78',
      undefined,
      { valid: true, type: 'mobile', country: 'FR', e164: '+33612345678' },
    ],
    ['+49 30 901820', 'FR', { valid: true, country: 'DE', e164: '+4930901820' }],
    ['0612345678', 'FR', { valid: true, type: 'mobile', e164: '+33612345678' }],
    ['+44 20 7946', undefined, { valid: false }],
    ['12345', undefined, { valid: false, e164: null, type: null }],
    ['not a phone', 'US', { valid: false, e164: null }],
    ['', undefined, { valid: false }],
  ])('%s (country %s)', (phone, country, expected) => {
    expect(validatePhone(phone, country)).toMatchObject({ phone, ...expected });
  });
});
