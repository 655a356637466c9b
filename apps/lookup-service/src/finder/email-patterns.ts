import type { EmailPatternName } from '@leadhooks/contracts';
/** A person's name reduced to what goes into an address: ASCII letters, lower case. */
export interface NameParts {
  first: string;
  last: string;
}

/**
 * Common corporate address patterns, most common first: the order is the prior used
 * when a domain has no evidence of its own.
 */
export const emailPatterns = {
  'first.last': (n: NameParts) => `${n.first}.${n.last}`,
  flast: (n: NameParts) => `${n.first[0]}${n.last}`,
  first: (n: NameParts) => n.first,
  firstlast: (n: NameParts) => `${n.first}${n.last}`,
  first_last: (n: NameParts) => `${n.first}_${n.last}`,
  'f.last': (n: NameParts) => `${n.first[0]}.${n.last}`,
  firstl: (n: NameParts) => `${n.first}${n.last[0]}`,
  'last.first': (n: NameParts) => `${n.last}.${n.first}`,
  'first-last': (n: NameParts) => `${n.first}-${n.last}`,
  last: (n: NameParts) => n.last,
  lastf: (n: NameParts) => `${n.last}${n.first[0]}`,
} as const satisfies Record<EmailPatternName, (n: NameParts) => string>;
// The contract's enum and this table name the same patterns: satisfies rejects a missing or extra one.
export type EmailPattern = keyof typeof emailPatterns;
export const patternNames = Object.keys(emailPatterns) as EmailPattern[];

/**
 * "Zoë O'Brien-Smith" -> zoe, obriensmith: accents folded (NFKD, marks dropped), then
 * anything but a-z removed. Undefined when nothing is left (a name in another script).
 */
export function normalizeNamePart(name: string): string | undefined {
  const folded = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^a-z]/g, '');
  return folded === '' ? undefined : folded;
}

export function nameParts(first: string, last: string): NameParts | undefined {
  const f = normalizeNamePart(first);
  const l = normalizeNamePart(last);
  return f && l ? { first: f, last: l } : undefined;
}

/** "Ada King Lovelace" -> first Ada, last Lovelace; undefined for a single word. */
export function splitFullName(fullName: string): { first: string; last: string } | undefined {
  const words = fullName
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '');
  if (words.length < 2) return undefined;
  return { first: words[0], last: words[words.length - 1] };
}

/** The patterns that produce `local` from these names (several can, e.g. for one-letter names). */
export function patternsOf(local: string, names: NameParts): EmailPattern[] {
  return patternNames.filter((pattern) => emailPatterns[pattern](names) === local);
}

export interface PatternEvidence {
  pattern: EmailPattern;
  /** How many known addresses at the domain follow it. */
  count: number;
}

/** Counts, over known people at a domain, which pattern their address follows; most used first. */
export function patternEvidence(
  people: readonly { local: string; first: string; last: string }[],
): PatternEvidence[] {
  const counts = new Map<EmailPattern, number>();
  for (const person of people) {
    const names = nameParts(person.first, person.last);
    if (names === undefined) continue;
    // Sub-addressing (ada+crm@) does not change the pattern.
    for (const pattern of patternsOf(person.local.split('+')[0], names))
      counts.set(pattern, (counts.get(pattern) ?? 0) + 1);
  }
  return [...counts.entries()]
    .map(([pattern, count]) => ({ pattern, count }))
    .sort(
      (a, b) =>
        b.count - a.count || patternNames.indexOf(a.pattern) - patternNames.indexOf(b.pattern),
    );
}

export interface RankedCandidate {
  email: string;
  pattern: EmailPattern;
  /** 0..100: how likely this is the address, before verification. */
  confidence: number;
}

/**
 * Every pattern's address for these names at the domain: the ones seen at the domain
 * first (by how often), then the rest in prior order. Confidence grows with the share
 * and number of known addresses following the pattern; without evidence it is the
 * prior, highest (40) for first.last and falling with rank.
 */
export function rankCandidates(
  names: NameParts,
  domain: string,
  evidence: readonly PatternEvidence[],
): RankedCandidate[] {
  const total = evidence.reduce((sum, item) => sum + item.count, 0);
  const seen = new Map(evidence.map((item) => [item.pattern, item.count]));
  const ordered = [
    ...evidence.map((item) => item.pattern),
    ...patternNames.filter((pattern) => !seen.has(pattern)),
  ];
  const unique = new Map<string, RankedCandidate>();
  ordered.forEach((pattern, rank) => {
    const email = `${emailPatterns[pattern](names)}@${domain}`;
    if (unique.has(email)) return;
    const count = seen.get(pattern) ?? 0;
    const confidence =
      count > 0
        ? Math.round(Math.min(95, 50 + 40 * (count / total) + 5 * Math.min(count, 5) - 5))
        : Math.max(5, (total > 0 ? 20 : 40) - 5 * (rank - evidence.length));
    unique.set(email, { email, pattern, confidence });
  });
  return [...unique.values()];
}
