import { PartitionWork } from './partition-work';

function work() {
  const sent: string[] = [];
  const partition = new PartitionWork(
    4,
    async (position) => void sent.push(position),
    () => undefined,
  );
  return { partition, sent };
}

describe(PartitionWork.name, () => {
  it('commits an offset only once every record before it has an outcome', async () => {
    const { partition, sent } = work();
    for (const offset of ['10', '11', '12']) partition.window.take(offset);
    partition.finished('11');
    partition.finished('12');
    await partition.settle();
    expect(sent).toEqual([]);
    partition.finished('10');
    await partition.settle();
    expect(sent).toEqual(['13']);
  });

  it('sends no commit once revoked: the next owner commits that partition', async () => {
    const { partition, sent } = work();
    partition.window.take('0');
    partition.cancelWork(true);
    partition.finished('0');
    await partition.settle();
    expect(sent).toEqual([]);
    expect(partition.signal.aborted).toBe(true);
  });

  it('still commits what finished after a stop', async () => {
    const { partition, sent } = work();
    partition.window.take('5');
    partition.cancelWork(false);
    partition.finished('5');
    await partition.settle();
    expect(sent).toEqual(['6']);
  });

  it('settles only once the records running have finished', async () => {
    const { partition } = work();
    let release!: () => void;
    partition.admission.admit('k', 0, () => new Promise<void>((r) => (release = r)));
    let settled = false;
    const settling = partition.settle().then(() => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    release();
    await settling;
    expect(settled).toBe(true);
  });
});
