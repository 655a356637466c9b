import { ReceiverRun, type Behaviour } from './receiver-run';

const body = (sentAt: number | null) => Buffer.from(JSON.stringify({ data: { notes: sentAt } }));

describe(ReceiverRun.name, () => {
  it('measures latency to the first arrival of each id, never to a retry', () => {
    const failFirst: Behaviour = (_endpoint, _id, attempt) => (attempt === 1 ? 'fail' : 'ok');
    const run = new ReceiverRun('r-1', 'https://127.0.0.1:1/r-1', failFirst);
    expect(run.record('a', 'e0', 1_010, body(1_000))).toBe('fail');
    expect(run.record('a', 'e0', 2_500, body(1_000))).toBe('ok');
    expect(run.record('b', 'e0', 1_020, body(1_005))).toBe('fail');
    expect(run.latencies()).toEqual([10, 15]);
    expect([...run.delivered]).toEqual(['a']);
  });

  it('notes when each id has its first retry, and answers later by its behaviour', () => {
    const hostile: Behaviour = (endpoint, _id, attempt) =>
      endpoint === 'slow' ? 'later' : attempt === 1 ? 'fail' : 'ok';
    const run = new ReceiverRun('r-1', 'https://127.0.0.1:1/r-1', hostile);
    run.record('a', 'e0', 1_000, body(990));
    run.record('a', 'e0', 3_100, body(990));
    run.record('a', 'e0', 9_000, body(990));
    expect(run.record('b', 'slow', 1_000, body(990))).toBe('later');
    expect([...run.firstRetryAt]).toEqual([['a', 3_100]]);
  });

  it('leaves out what was sent before a given time (a warm-up)', () => {
    const run = new ReceiverRun('r-1', 'https://127.0.0.1:1/r-1', () => 'ok');
    run.record('early', 'e0', 1_050, body(1_000));
    run.record('late', 'e0', 2_030, body(2_000));
    expect(run.latencies(undefined, 2_000)).toEqual([30]);
  });

  it('counts 2xx answers beyond the first per id as duplicates', () => {
    const run = new ReceiverRun('r-1', 'https://127.0.0.1:1/r-1', () => 'ok');
    run.record('a', 'e0', 10, body(0));
    run.record('a', 'e0', 20, body(0));
    run.record('a', 'e0', 30, body(0));
    expect(run.duplicates).toBe(2);
    expect(run.delivered.size).toBe(1);
  });

  it('filters by endpoint and gives deliveries per second over the arrival span', () => {
    const run = new ReceiverRun('r-1', 'https://127.0.0.1:1/r-1', () => 'ok');
    for (let i = 0; i <= 100; i += 1)
      run.record(`id-${i}`, i % 2 ? 'slow' : 'fast', i * 10, body(0));
    expect(run.throughput((endpoint) => endpoint === 'fast')).toBe(51);
    expect(run.latencies((endpoint) => endpoint === 'slow')).toHaveLength(50);
    expect(run.url('e3')).toBe('https://127.0.0.1:1/r-1/e3');
  });

  it('delivers a body without a send time but leaves it out of the latencies', () => {
    const run = new ReceiverRun('r-1', 'https://127.0.0.1:1/r-1', () => 'ok');
    expect(run.record('a', 'e0', 10, Buffer.from('not json'))).toBe('ok');
    expect(run.latencies()).toEqual([]);
    expect(run.delivered.size).toBe(1);
  });
});
