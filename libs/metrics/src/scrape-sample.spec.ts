import { scrapeSample } from './scrape-sample';

describe(scrapeSample.name, () => {
  it('measures once for readers that ask at the same time, and again for a later scrape', async () => {
    let measured = 0;
    const sample = scrapeSample(async () => ++measured, 1_000);
    expect(await Promise.all([sample(), sample()])).toEqual([1, 1]);
    expect(await sample()).toBe(2);
  });

  it('gives up after its deadline, and the next scrape tries afresh', async () => {
    let hang = true;
    const failures: unknown[] = [];
    const sample = scrapeSample(
      () => (hang ? new Promise<number>(() => undefined) : Promise.resolve(7)),
      20,
      (error) => failures.push(error),
    );
    await expect(Promise.all([sample(), sample()])).rejects.toThrow('no answer within 20 ms');
    expect(failures).toHaveLength(1); // once per measurement, not per reader
    hang = false;
    expect(await sample()).toBe(7);
  });
});
