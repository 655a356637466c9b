import { BenchUsageError, parseBenchOptions } from './bench.options';

describe(parseBenchOptions.name, () => {
  it('defaults to the full run of every scenario', () => {
    expect(parseBenchOptions([])).toMatchObject({
      events: 20_000,
      dispatchers: 'one',
      rounds: 3,
      durationSec: 20,
      warmUpSec: 5,
      rates: [50, 100, 500, 1000],
      scenarios: ['throughput', 'latency', 'isolation', 'retry', 'retry-isolation'],
      smoke: false,
      outDir: 'reports/bench',
    });
  });

  it('makes smoke small, and explicit options still win over it', () => {
    expect(parseBenchOptions(['--smoke'])).toMatchObject({
      events: 300,
      rounds: 1,
      durationSec: 3,
      warmUpSec: 1,
      rates: [50],
      loadRate: 5,
    });
    expect(parseBenchOptions(['--smoke', '--events', '1000'])).toMatchObject({ events: 1000 });
  });

  it('takes no warm-up when asked', () => {
    expect(parseBenchOptions(['--warm-up', '0'])).toMatchObject({ warmUpSec: 0 });
  });

  it('takes the retry-isolation scenario alone', () => {
    expect(parseBenchOptions(['--scenarios', 'retry-isolation'])).toMatchObject({
      scenarios: ['retry-isolation'],
    });
  });

  it('takes a subset of scenarios and a list of rates', () => {
    expect(
      parseBenchOptions(['--scenarios', 'latency,retry', '--rates', '200, 400']),
    ).toMatchObject({ scenarios: ['latency', 'retry'], rates: [200, 400] });
  });

  it('runs the dispatcher split by role when asked', () => {
    expect(parseBenchOptions(['--dispatchers', 'split'])).toMatchObject({ dispatchers: 'split' });
  });

  it.each([
    [['--events', '0'], /--events/],
    [['--dispatchers', 'two'], /--dispatchers.*two/],
    [['--rounds', '0'], /--rounds/],
    [['--duration', 'ten'], /--duration/],
    [['--warm-up', '1.5'], /--warm-up/],
    [['--rates', '100,x'], /--rates/],
    [['--scenarios', 'speed'], /--scenarios.*speed/],
  ])('refuses %j naming the option', (argv, message) => {
    expect(() => parseBenchOptions(argv)).toThrow(BenchUsageError);
    expect(() => parseBenchOptions(argv)).toThrow(message);
  });

  it('refuses an unknown option', () => {
    expect(() => parseBenchOptions(['--fast'])).toThrow(/fast/);
  });
});
