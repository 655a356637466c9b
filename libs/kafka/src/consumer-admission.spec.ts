import { Admission } from './consumer-admission';
import { gate } from './test/harness';

afterEach(() => jest.useRealTimers());

/** Records `name` when its task starts; each task holds until its gate opens. */
function tasks() {
  const started: string[] = [];
  const gates = new Map<string, ReturnType<typeof gate>>();
  const task = (name: string) => () => {
    started.push(name);
    const held = gate();
    gates.set(name, held);
    return held.opened;
  };
  const finish = (name: string) => gates.get(name)?.open();
  return { started, task, finish };
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe(Admission.name, () => {
  it('starts due records at once in order, caps each key, and lets other keys pass', async () => {
    const admission = new Admission(1, new AbortController().signal);
    const { started, task, finish } = tasks();
    admission.admit('a', 0, task('a1'));
    admission.admit('a', 0, task('a2'));
    admission.admit('b', 0, task('b1'));
    expect(started).toEqual(['a1', 'b1']);
    expect(admission.size).toBe(3);
    finish('a1');
    await settle();
    expect(started).toEqual(['a1', 'b1', 'a2']);
    expect(admission.size).toBe(2);
  });

  it('starts a record at its due time, without holding its key meanwhile', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const admission = new Admission(1, new AbortController().signal);
    const { started, task, finish } = tasks();
    admission.admit('a', 1_000_500, task('later'));
    admission.admit('a', 0, task('now'));
    expect(started).toEqual(['now']);
    finish('now');
    await jest.advanceTimersByTimeAsync(499);
    expect(started).toEqual(['now']);
    await jest.advanceTimersByTimeAsync(1);
    expect(started).toEqual(['now', 'later']);
  });

  it('never starts a record before Date.now() reaches its due time, even when the timer fires early', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const admission = new Admission(1, new AbortController().signal);
    const { started, task } = tasks();
    admission.admit('a', 1_000_500, task('later'));
    // The timer fires at its time while the wall clock still reads a millisecond short, as
    // Node's monotonic timers can against Date.now().
    jest.setSystemTime(999_999);
    await jest.advanceTimersByTimeAsync(500);
    expect(started).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(started).toEqual(['later']);
  });

  it('counts waiting records in size, and roomFor resolves once one finished', async () => {
    const cancel = new AbortController();
    const admission = new Admission(1, cancel.signal);
    const { task, finish } = tasks();
    admission.admit('a', Date.now() + 60_000, task('waits'));
    admission.admit('b', 0, task('runs'));
    let room = false;
    void admission.roomFor(2).then(() => (room = true));
    await settle();
    expect(room).toBe(false);
    finish('runs');
    await settle();
    expect(room).toBe(true);
    expect(admission.size).toBe(1);
    cancel.abort();
  });

  it('drops records waiting for their due time or key once cancelled; the running one finishes', async () => {
    const cancel = new AbortController();
    const admission = new Admission(1, cancel.signal);
    const { started, task, finish } = tasks();
    admission.admit('a', 0, task('running'));
    admission.admit('a', 0, task('queued'));
    admission.admit('b', Date.now() + 60_000, task('waiting'));
    cancel.abort();
    await settle();
    // The waiting one is gone; the queued one leaves when its key's turn comes, unrun.
    expect(admission.size).toBe(2);
    finish('running');
    await admission.roomFor(1);
    expect(started).toEqual(['running']);
    admission.admit('c', 0, task('after'));
    expect(started).toEqual(['running']);
    expect(admission.size).toBe(0);
  });

  it('moves a due record elsewhere when its key is at its cap with as many again queued', async () => {
    const admission = new Admission(1, new AbortController().signal);
    const { started, task, finish } = tasks();
    const moved: string[] = [];
    const elsewhere = (name: string) => async () => void moved.push(name);
    admission.admit('a', 0, task('a1'), elsewhere('a1'));
    admission.admit('a', 0, task('a2'), elsewhere('a2'));
    admission.admit('a', 0, task('a3'), elsewhere('a3'));
    admission.admit('b', 0, task('b1'), elsewhere('b1'));
    expect(started).toEqual(['a1', 'b1']);
    expect(moved).toEqual(['a3']);
    await settle();
    expect(admission.size).toBe(3);
    finish('a1');
    await settle();
    expect(started).toEqual(['a1', 'b1', 'a2']);
  });

  it('refuses a cap that is not a positive integer', () => {
    for (const cap of [0, -1, 1.5, Number.NaN]) {
      expect(() => new Admission(cap, new AbortController().signal)).toThrow(RangeError);
    }
  });
});
