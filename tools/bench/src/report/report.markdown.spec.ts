import type { LatencyStep } from './bench-report';
import { apiErrorsCell, readmeEnd, readmeStart, replaceReadmeBlock } from './report.markdown';

describe(replaceReadmeBlock.name, () => {
  it('replaces only what is between the markers, keeping them', () => {
    const readme = `# x\n\n## Benchmark\n${readmeStart}\nold table\n${readmeEnd}\n\nafter\n`;
    expect(replaceReadmeBlock(readme, 'new table')).toBe(
      `# x\n\n## Benchmark\n${readmeStart}\nnew table\n${readmeEnd}\n\nafter\n`,
    );
  });

  it('refuses a README without the markers', () => {
    expect(() => replaceReadmeBlock('# x\n', 'table')).toThrow(/bench:start/);
  });
});

describe(apiErrorsCell.name, () => {
  const step = (apiErrors: number, apiErrorsByKind?: Record<string, number>) =>
    ({ apiErrors, apiErrorsByKind }) as LatencyStep;

  it('names each kind of failure with its count', () => {
    expect(apiErrorsCell(step(3, { '503': 2, 'no answer: socket hang up': 1 }))).toBe(
      '3 (503: 2, no answer: socket hang up: 1)',
    );
  });

  it('is the bare count without failures, or for a report written before kinds were kept', () => {
    expect(apiErrorsCell(step(0, {}))).toBe('0');
    expect(apiErrorsCell(step(2))).toBe('2');
  });
});
