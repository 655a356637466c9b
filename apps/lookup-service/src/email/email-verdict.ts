import type { EmailChecks, EmailStatus } from '@leadhooks/contracts';

export type { EmailChecks, EmailStatus };

/**
 * The status and a 0..100 score from the checks. Pure, so its table of cases is the spec.
 * Without an SMTP probe no address is certain: a good one scores 90, not 100.
 * - bad syntax, or a domain that takes no mail: invalid, 0
 * - a disposable domain: risky, 10 (mail arrives, but nobody reads it next month)
 * - DNS could not answer: unknown, 50 (the one honest middle)
 * - a role address (info@, sales@): risky, 60 (reaches someone, not a person)
 * - otherwise valid: 90, or 80 at a free webmail provider (nothing ties it to a company)
 */
export function emailVerdict(checks: EmailChecks): { status: EmailStatus; score: number } {
  if (!checks.syntax || checks.mx === 'none') return { status: 'invalid', score: 0 };
  if (checks.disposable) return { status: 'risky', score: 10 };
  if (checks.mx === 'unknown' || checks.mx === 'skipped') return { status: 'unknown', score: 50 };
  if (checks.role) return { status: 'risky', score: 60 };
  return { status: 'valid', score: checks.webmail ? 80 : 90 };
}
