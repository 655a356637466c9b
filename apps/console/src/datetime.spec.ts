import { fromLocalInput, toLocalInput } from './datetime';

describe(toLocalInput.name, () => {
  it('round-trips an instant to the minute through the input value', () => {
    const iso = '2026-12-08T01:30:00.000Z';
    expect(fromLocalInput(toLocalInput(iso))).toBe(iso);
  });

  it.each([undefined, '', 'not a date'])('is empty for %j', (value) => {
    expect(toLocalInput(value)).toBe('');
  });
});

describe(fromLocalInput.name, () => {
  it.each(['', '2026-13-45T99:00'])('is undefined for %j', (value) => {
    expect(fromLocalInput(value)).toBeUndefined();
  });
});
