/** One JSON line of the example receiver (it writes exactly one per event, compact). */
export interface ReceiverLine {
  message?: string;
  pid?: number;
  secrets?: number;
  failFirst?: number;
  webhookId?: string;
  eventType?: string;
  outcome?: string;
  status?: number;
  signature?: string;
  body?: unknown;
}

/** Pretty-printed JSON (jq) starts with a lone `{`; the receiver's lines are compact objects. */
export function receiverLine(line: string): ReceiverLine | undefined {
  if (!line.startsWith('{"')) return undefined;
  try {
    const value = JSON.parse(line) as ReceiverLine;
    return 'outcome' in value || 'message' in value ? value : undefined;
  } catch {
    return undefined;
  }
}
