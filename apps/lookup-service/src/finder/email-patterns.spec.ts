import {
  type NameParts,
  nameParts,
  normalizeNamePart,
  patternEvidence,
  patternsOf,
  rankCandidates,
  splitFullName,
} from './email-patterns';

function names(first: string, last: string): NameParts {
  const parts = nameParts(first, last);
  if (parts === undefined) throw new Error(`no name parts in ${first} ${last}`);
  return parts;
}

describe(normalizeNamePart.name, () => {
  it.each([
    ['Ada', 'ada'],
    ['Zoë', 'zoe'],
    ["O'Brien-Smith", 'obriensmith'],
    ['  José ', 'jose'],
    ['Straße', 'strasse'],
    ['李', undefined],
  ])('%s -> %s', (input, expected) => expect(normalizeNamePart(input)).toBe(expected));
});

describe(splitFullName.name, () => {
  it.each([
    ['Ada Lovelace', { first: 'Ada', last: 'Lovelace' }],
    ['  Ada  King   Lovelace ', { first: 'Ada', last: 'Lovelace' }],
    ['Ada', undefined],
    ['', undefined],
  ])('%j', (input, expected) => expect(splitFullName(input)).toEqual(expected));
});

describe(patternsOf.name, () => {
  const ada = names('Ada', 'Lovelace');
  it.each([
    ['ada.lovelace', ['first.last']],
    ['alovelace', ['flast']],
    ['ada', ['first']],
    ['adalovelace', ['firstlast']],
    ['ada_lovelace', ['first_last']],
    ['lovelace.ada', ['last.first']],
    ['a.lovelace', ['f.last']],
    ['adal', ['firstl']],
    ['lovelacea', ['lastf']],
    ['countess', []],
  ])('%s', (local, expected) => expect(patternsOf(local, ada)).toEqual(expected));
});

describe(rankCandidates.name, () => {
  const grace = names('Grace', 'Hopper');

  it('uses the prior order without evidence, first.last first', () => {
    const ranked = rankCandidates(grace, 'navy.test', []);
    expect(ranked.slice(0, 3).map((c) => c.email)).toEqual([
      'grace.hopper@navy.test',
      'ghopper@navy.test',
      'grace@navy.test',
    ]);
    expect(ranked[0].confidence).toBe(40);
  });

  it('puts the pattern the domain uses first, more confident with more evidence', () => {
    const people = [
      { local: 'alovelace', first: 'Ada', last: 'Lovelace' },
      { local: 'cbabbage', first: 'Charles', last: 'Babbage' },
      { local: 'alan.turing', first: 'Alan', last: 'Turing' },
    ];
    const evidence = patternEvidence(people);
    expect(evidence).toEqual([
      { pattern: 'flast', count: 2 },
      { pattern: 'first.last', count: 1 },
    ]);
    const ranked = rankCandidates(grace, 'navy.test', evidence);
    expect(ranked[0]).toEqual({ email: 'ghopper@navy.test', pattern: 'flast', confidence: 82 });
    expect(ranked[1].pattern).toBe('first.last');
    expect(ranked[1].confidence).toBeLessThan(ranked[0].confidence);
  });
});
