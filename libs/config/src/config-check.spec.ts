import { CONFIG_CHECK_FLAG, configCheckRequested } from './config-check';

describe(configCheckRequested.name, () => {
  const capture = () => {
    const lines: string[] = [];
    return { lines, out: { write: (text: string) => lines.push(text) } };
  };

  it('says the configuration is fine and asks the caller to stop when the flag is given', () => {
    const { lines, out } = capture();
    expect(configCheckRequested('gateway', ['--verbose', CONFIG_CHECK_FLAG], out)).toBe(true);
    expect(lines).toEqual(['gateway: configuration OK\n']);
  });

  it('stays silent and lets the app start without the flag', () => {
    const { lines, out } = capture();
    expect(configCheckRequested('gateway', ['--check-configs', 'check-config'], out)).toBe(false);
    expect(lines).toEqual([]);
  });
});
