import { leadFieldNames, type LeadData } from '@leadhooks/contracts';
import type { UpdateLeadInput } from './lead.schemas';

/**
 * Applies a partial update. `changed` lists the fields whose value actually differs:
 * empty means a no-op, which saves nothing and emits no event (docs/decisions/031).
 */
export function applyLeadPatch(
  current: LeadData,
  patch: UpdateLeadInput,
): { next: LeadData; changed: (keyof LeadData)[] } {
  const next: LeadData = { ...current };
  const changed: (keyof LeadData)[] = [];
  for (const field of leadFieldNames) {
    const value = patch[field];
    if (value === undefined || value === current[field]) continue;
    Object.assign(next, { [field]: value });
    changed.push(field);
  }
  return { next, changed };
}
