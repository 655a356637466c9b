/**
 * Paths a document names: in backticks from the workspace root (`apps/…`, `libs/…`,
 * `tools/…`, `docs/…`, `examples/…`), and the local targets of its Markdown links
 * (relative to the document, anchors dropped). Patterns (`*`, `{a,b}`, `<name>`) are not
 * paths and are left out.
 */
const rooted = /`((?:apps|libs|tools|docs|examples)\/[^`\s]+)`/g;
const link = /\]\(([^)\s]+)\)/g;
const pattern = /[*{}<>…]/;

export function quotedPaths(markdown: string): string[] {
  return [...markdown.matchAll(rooted)].map((m) => m[1]).filter((path) => !pattern.test(path));
}

export function linkedPaths(markdown: string): string[] {
  return [...markdown.matchAll(link)]
    .map((m) => m[1].replace(/#.*$/, ''))
    .filter((target) => target !== '' && !/^[a-z]+:/i.test(target));
}
