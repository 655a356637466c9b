import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from '@leadhooks/testing';

/** Where the walk-through lives; README's "Walk-through" section links to it. */
export const walkthroughFile = 'docs/walkthrough.md';

/**
 * The walk-through's shell blocks, by name: each ```bash block right after an
 * `<!-- walkthrough:<name> -->` marker, its text exactly as a reader copies it.
 */
export function walkthroughSteps(markdown: string): Map<string, string> {
  const steps = new Map<string, string>();
  const block = /<!-- walkthrough:([a-z-]+) -->\s*\n```bash\n([\s\S]*?)\n```/g;
  for (const [, name, script] of markdown.matchAll(block)) {
    if (steps.has(name)) throw new Error(`${walkthroughFile} has two steps named "${name}"`);
    steps.set(name, script);
  }
  return steps;
}

export function documentedWalkthrough(): Map<string, string> {
  return walkthroughSteps(readFileSync(join(workspaceRoot, walkthroughFile), 'utf8'));
}

/** One step's script, failing clearly when the walk-through lost it. */
export function stepOf(steps: Map<string, string>, name: string): string {
  const script = steps.get(name);
  if (script === undefined) throw new Error(`${walkthroughFile} has no step "${name}"`);
  return script;
}
