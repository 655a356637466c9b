import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchReport } from './bench-report';
import { replaceReadmeBlock, reportMarkdown } from './report.markdown';

/** `<dir>/<timestamp>.json` and a copy as `<dir>/latest.json`; returns the first path. */
export function writeReport(dir: string, report: BenchReport): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, reportFileName(report));
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  copyFileSync(file, join(dir, 'latest.json'));
  return file;
}

/**
 * Rewrites README's benchmark block from a report file. The block names the report by its
 * timestamped name (`latest.json` moves on with the next run).
 */
export function updateReadme(readmeFile: string, reportFile: string, reportDir: string): void {
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as BenchReport;
  if (report.version !== 1) throw new Error(`${reportFile} is not a bench report (version 1)`);
  const readme = readFileSync(readmeFile, 'utf8');
  const source = join(reportDir, reportFileName(report));
  writeFileSync(readmeFile, replaceReadmeBlock(readme, reportMarkdown(report, source)));
}

function reportFileName(report: BenchReport): string {
  return `${report.startedAt.replace(/[:.]/g, '-')}.json`;
}
