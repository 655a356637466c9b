/**
 * Defaults as the READMEs' configuration tables quote them: rows whose first cell names
 * one or more variables in backticks and whose second cell gives the default. Several
 * names share one value (`WEBHOOK_ALLOW_HTTP`, `WEBHOOK_ALLOW_PRIVATE_ADDRESSES` | `false`)
 * or pair with as many values (`PORT` / `HOST` | `3001` / `0.0.0.0`).
 */
export interface QuotedDefault {
  file: string;
  line: number;
  variable: string;
  /** The value as a reader would set it, `required`, or null for a description ("none"). */
  value: string | null;
}

const row = /^\|\s*(`[A-Z][A-Z0-9_]*`(?:\s*(?:,|\/)\s*`[A-Z][A-Z0-9_]*`)*)\s*\|\s*([^|]*?)\s*\|/;
const name = /`([A-Z][A-Z0-9_]*)`/g;
/** A value a variable can be set to: no spaces, no prose ("system resolvers", "(none)"). */
const literal = /^[\w.:/,-]+$/;
const descriptions = new Set(['none', 'unset', 'derived']);

export function quotedDefaults(file: string, markdown: string): QuotedDefault[] {
  const found: QuotedDefault[] = [];
  markdown.split('\n').forEach((text, index) => {
    const match = row.exec(text);
    if (!match) return;
    const names = [...match[1].matchAll(name)].map((m) => m[1]);
    const values = valuesFor(names.length, match[2]);
    if (!values)
      throw new Error(`${file}:${index + 1}: ${names.length} names, values "${match[2]}"`);
    names.forEach((variable, i) =>
      found.push({ file, line: index + 1, variable, value: asSettable(values[i]) }),
    );
  });
  return found;
}

function valuesFor(count: number, cell: string): string[] | null {
  if (count === 1) return [cell];
  const parts = cell.split(/\s*,\s+|\s+\/\s+/);
  if (parts.length === count) return parts;
  return parts.length === 1 ? Array.from({ length: count }, () => cell) : null;
}

function asSettable(cell: string): string | null {
  const value = cell.replace(/`/g, '').trim();
  return literal.test(value) && !descriptions.has(value) ? value : null;
}
