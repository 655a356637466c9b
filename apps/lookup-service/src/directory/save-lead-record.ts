import { safeParseTopicMessage, Topics, type SaveLeadEvent } from '@leadhooks/contracts';

/** A leads.save_lead record as Nest's Kafka transport hands it over with `keepBinary`. */
export interface KafkaRecord {
  offset: string;
  value: Buffer | null;
}

export type ParsedSaveLead =
  | { ok: true; event: SaveLeadEvent }
  | { ok: false; reason: 'empty' | 'not-json' | 'schema'; detail: string };

/** The record's value through the libs/contracts schema of leads.save_lead, never trusted as is. */
export function parseSaveLeadRecord(record: KafkaRecord): ParsedSaveLead {
  if (record.value === null || record.value.length === 0)
    return { ok: false, reason: 'empty', detail: 'the record has no value' };
  let json: unknown;
  try {
    json = JSON.parse(record.value.toString('utf8'));
  } catch (error) {
    return { ok: false, reason: 'not-json', detail: (error as Error).message };
  }
  const parsed = safeParseTopicMessage(Topics.saveLead, json);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .map((issue) => `${issue.path.map(String).join('.') || '(value)'}: ${issue.message}`)
      .join('; ');
    return { ok: false, reason: 'schema', detail };
  }
  return { ok: true, event: parsed.data };
}
