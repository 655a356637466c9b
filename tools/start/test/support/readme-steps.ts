import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from '@leadhooks/testing';

/**
 * The README walk-through's shell blocks, by name: each ```bash block right after an
 * `<!-- walkthrough:<name> -->` marker, its text exactly as a reader copies it.
 */
export function walkthroughSteps(markdown: string): Map<string, string> {
  const steps = new Map<string, string>();
  const block = /<!-- walkthrough:([a-z-]+) -->\s*\n```bash\n([\s\S]*?)\n```/g;
  for (const [, name, script] of markdown.matchAll(block)) {
    if (steps.has(name)) throw new Error(`README has two walk-through steps named "${name}"`);
    steps.set(name, script);
  }
  return steps;
}

export function readmeWalkthrough(): Map<string, string> {
  return walkthroughSteps(readFileSync(join(workspaceRoot, 'README.md'), 'utf8'));
}

/** One step's script, failing clearly when the README lost it. */
export function stepOf(steps: Map<string, string>, name: string): string {
  const script = steps.get(name);
  if (script === undefined) throw new Error(`README has no walk-through step "${name}"`);
  return script;
}
