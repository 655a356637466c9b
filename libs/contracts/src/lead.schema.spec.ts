import { LeadData, SaveLeadBody, leadFieldNames } from './lead.schema';

const lead: LeadData = {
  email: 'ada@example.test',
  website: 'https://example.test',
  company: 'Analytical Engines',
  first_name: 'Ada',
  last_name: 'Lovelace',
  phone: '+44 20 7946 0000',
  position: 'CTO',
  twitter: '@ada',
  linkedin: 'https://linkedin.test/in/ada',
  notes: null,
  score: 87,
};

describe('SaveLeadBody', () => {
  it('holds exactly the seed’s eleven fields in its order', () => {
    expect(leadFieldNames).toEqual([
      'email',
      'website',
      'company',
      'first_name',
      'last_name',
      'phone',
      'position',
      'twitter',
      'linkedin',
      'notes',
      'score',
    ]);
  });

  it.each([
    ['a full lead', { data: lead }],
    [
      'every *string field null',
      {
        data: {
          ...lead,
          company: null,
          first_name: null,
          last_name: null,
          phone: null,
          position: null,
          twitter: null,
          linkedin: null,
          notes: null,
        },
      },
    ],
    ['empty strings and a zero score', { data: { ...lead, email: '', website: '', score: 0 } }],
  ])('accepts %s', (_case, body) => {
    expect(SaveLeadBody.parse(body)).toEqual(body);
  });

  it.each([
    ['a missing field', { data: { ...lead, notes: undefined } }, 'notes'],
    ['an extra field', { data: { ...lead, id: 'x' } }, 'id'],
    ['an extra top-level field', { data: lead, event: 'save_lead' }, 'event'],
    ['a null email', { data: { ...lead, email: null } }, 'email'],
    ['a null website', { data: { ...lead, website: null } }, 'website'],
    ['a fractional score', { data: { ...lead, score: 1.5 } }, 'score'],
    ['a string score', { data: { ...lead, score: '5' } }, 'score'],
    ['a number for a name', { data: { ...lead, first_name: 3 } }, 'first_name'],
    ['no data wrapper', lead, 'data'],
  ])('refuses %s, naming it', (_case, body, field) => {
    const result = SaveLeadBody.safeParse(body);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain(field);
  });
});
