import { OffsetWindow } from './offset-window';

describe(OffsetWindow.name, () => {
  it('commits up to the lowest unfinished offset only', () => {
    const window = new OffsetWindow();
    ['10', '11', '12', '13'].forEach((offset) => window.take(offset));
    expect(window.finish('12')).toBeUndefined();
    expect(window.finish('11')).toBeUndefined();
    expect(window.finish('10')).toBe('13');
    expect(window.size).toBe(1);
    expect(window.finish('13')).toBe('14');
    expect(window.size).toBe(0);
  });

  it('never moves the commit position backwards', () => {
    const window = new OffsetWindow();
    window.take('0');
    expect(window.finish('0')).toBe('1');
    expect(window.finish('0')).toBeUndefined();
    window.take('5');
    expect(window.finish('5')).toBe('6');
  });

  it('refuses offsets taken out of order', () => {
    const window = new OffsetWindow();
    window.take('7');
    expect(() => window.take('3')).toThrow(RangeError);
  });
});
