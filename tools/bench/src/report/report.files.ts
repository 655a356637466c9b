import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { BenchReport } from './bench-report';
import { replaceReadmeBlock, reportMarkdown, targetsMarkdown } from './report.markdown';

/** `<dir>/<timestamp>.json` and a copy as `<dir>/latest.json`; returns the first path. */
export function writeReport(dir: string, report: BenchReport): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, reportFileName(report));
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  copyFileSync(file, join(dir, 'latest.json'));
  return file;
}

/**
 * Rewrites the benchmark blocks from a report file: README.md's with the targets, and
 * tools/bench/README.md's with every table. Each names the report by its timestamped name
 * (`latest.json` moves on with the next run).
 */
export function updateReadmes(root: string, reportFile: string): void {
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as BenchReport;
  if (report.version !== 1) throw new Error(`${reportFile} is not a bench report (version 1)`);
  const source = join(relative(root, dirname(reportFile)), reportFileName(report));
  rewriteBlock(join(root, 'README.md'), targetsMarkdown(report, source));
  rewriteBlock(join(root, 'tools/bench/README.md'), reportMarkdown(report, source));
}

function rewriteBlock(file: string, block: string): void {
  writeFileSync(file, replaceReadmeBlock(readFileSync(file, 'utf8'), block));
}

function reportFileName(report: BenchReport): string {
  return `${report.startedAt.replace(/[:.]/g, '-')}.json`;
}
