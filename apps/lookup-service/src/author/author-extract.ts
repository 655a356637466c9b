import { parse, type HTMLElement } from 'node-html-parser';

export type AuthorSource = 'json-ld' | 'meta' | 'byline';

export interface ExtractedAuthor {
  name: string;
  source: AuthorSource;
}

/**
 * The page's author, from the most to the least structured evidence: JSON-LD
 * (`author.name`), then `<meta name="author">` / `<meta property="article:author">`,
 * then a byline (`rel="author"`, `[itemprop=author]`, `.byline`, `.author`). A value
 * that is a URL (article:author often is a profile link) is not a name.
 */
export function extractAuthor(html: string): ExtractedAuthor | undefined {
  const root = parse(html, {
    blockTextElements: { script: true, style: false, noscript: false, pre: false },
  });
  return fromJsonLd(root) ?? fromMeta(root) ?? fromByline(root);
}

function fromJsonLd(root: HTMLElement): ExtractedAuthor | undefined {
  for (const script of root.querySelectorAll('script[type="application/ld+json"]')) {
    let data: unknown;
    try {
      data = JSON.parse(script.rawText);
    } catch {
      continue; // broken JSON-LD is common; the next source may do
    }
    const name = authorInJsonLd(data, 0);
    if (name) return { name, source: 'json-ld' };
  }
  return undefined;
}

function authorInJsonLd(node: unknown, depth: number): string | undefined {
  if (depth > 6 || node === null || typeof node !== 'object') return undefined;
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = authorInJsonLd(item, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  const record = node as Record<string, unknown>;
  if ('author' in record) {
    const name = personName(record.author);
    if (name) return name;
  }
  return authorInJsonLd(record['@graph'], depth + 1);
}

function personName(author: unknown): string | undefined {
  if (typeof author === 'string') return cleanName(author);
  if (Array.isArray(author)) return personName(author[0]);
  if (author !== null && typeof author === 'object') {
    const name = (author as Record<string, unknown>).name;
    return typeof name === 'string' ? cleanName(name) : undefined;
  }
  return undefined;
}

function fromMeta(root: HTMLElement): ExtractedAuthor | undefined {
  for (const selector of [
    'meta[name="author"]',
    'meta[property="article:author"]',
    'meta[name="article:author"]',
  ]) {
    for (const meta of root.querySelectorAll(selector)) {
      const name = cleanName(meta.getAttribute('content') ?? '');
      if (name) return { name, source: 'meta' };
    }
  }
  return undefined;
}

function fromByline(root: HTMLElement): ExtractedAuthor | undefined {
  for (const selector of ['[rel~="author"]', '[itemprop="author"]', '.byline', '.author']) {
    for (const element of root.querySelectorAll(selector)) {
      const name = cleanName(element.textContent);
      if (name) return { name, source: 'byline' };
    }
  }
  return undefined;
}

/** "  By Ada Lovelace " -> "Ada Lovelace"; URLs, empty and overlong values -> undefined. */
function cleanName(raw: string): string | undefined {
  const name = raw
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(by|written by|posted by|von|par)\s*:?\s+/i, '')
    .trim();
  if (
    name === '' ||
    name.length > 100 ||
    /^[a-z][a-z0-9+.-]*:\/\//i.test(name) ||
    name.includes('@')
  )
    return undefined;
  return name;
}
