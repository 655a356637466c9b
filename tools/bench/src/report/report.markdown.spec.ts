import { readmeEnd, readmeStart, replaceReadmeBlock } from './report.markdown';

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
