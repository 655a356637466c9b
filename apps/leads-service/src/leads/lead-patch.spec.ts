import type { LeadData } from '@leadhooks/contracts';
import { applyLeadPatch } from './lead-patch';

const lead: LeadData = {
  email: 'ada@example.test',
  website: 'https://example.test',
  company: 'Engines',
  first_name: 'Ada',
  last_name: null,
  phone: null,
  position: null,
  twitter: null,
  linkedin: null,
  notes: null,
  score: 10,
};

describe(applyLeadPatch.name, () => {
  it.each([
    ['an empty patch', {}, []],
    ['the same values', { email: 'ada@example.test', score: 10, last_name: null }, []],
    ['a new score', { score: 11 }, ['score']],
    ['clearing a field', { company: null }, ['company']],
    ['setting a null field', { notes: 'met at a fair' }, ['notes']],
    [
      'several fields, one unchanged',
      { first_name: 'Ada', website: '', score: 0 },
      ['website', 'score'],
    ],
  ] as const)('reports %s as changing %j', (_case, patch, changed) => {
    expect(applyLeadPatch(lead, patch).changed).toEqual(changed);
  });

  it('returns the merged lead and leaves the current one alone', () => {
    const { next } = applyLeadPatch(lead, { company: null, score: 99 });
    expect(next).toEqual({ ...lead, company: null, score: 99 });
    expect(lead.company).toBe('Engines');
  });
});
