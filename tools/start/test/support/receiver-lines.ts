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

/** `name{labels} value` lines of a Prometheus text exposition, as a map. */
export function metricSamples(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*(?:\{[^}]*\})?) (\S+)$/.exec(line.trim());
    if (match) samples.set(match[1], Number(match[2]));
  }
  return samples;
}
