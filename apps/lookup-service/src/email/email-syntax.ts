/** An address split into its parts, domain lower-cased; undefined when it is not a usable address. */
export interface ParsedEmail {
  email: string;
  local: string;
  domain: string;
}

// RFC 5322 dot-atom for the local part (quoted local parts are legal but no mailbox
// anyone hands out uses them, so they count as invalid here).
const localPart = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const label = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const topLevel = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** A hostname that can receive mail: LDH labels, a real-looking TLD, at most 253 characters. */
export function isMailDomain(domain: string): boolean {
  if (domain.length > 253) return false;
  const labels = domain.split('.');
  return (
    labels.length >= 2 &&
    labels.every((part) => label.test(part)) &&
    topLevel.test(labels[labels.length - 1])
  );
}

/** RFC 5321 limits: 64 octets of local part, 254 of path (ASCII only, so characters = octets). */
export function parseEmail(input: string): ParsedEmail | undefined {
  const at = input.lastIndexOf('@');
  if (at <= 0 || input.length > 254) return undefined;
  const local = input.slice(0, at);
  const domain = input.slice(at + 1).toLowerCase();
  if (local.length > 64 || !localPart.test(local) || !isMailDomain(domain)) return undefined;
  return { email: `${local.toLowerCase()}@${domain}`, local: local.toLowerCase(), domain };
}

// Mailboxes of a function rather than a person: mail reaches someone, but not a lead.
const roleLocalParts = new Set([
  'admin',
  'billing',
  'contact',
  'hello',
  'help',
  'hr',
  'info',
  'jobs',
  'marketing',
  'noreply',
  'no-reply',
  'office',
  'postmaster',
  'press',
  'sales',
  'security',
  'support',
  'team',
  'webmaster',
]);

export function isRoleAddress(local: string): boolean {
  return roleLocalParts.has(local.split('+')[0]);
}
