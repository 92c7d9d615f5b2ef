import { Slots } from './hashing-slots';

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('Slots', () => {
  it('runs at most its size at once, the rest in order as slots free up, and passes on results and errors', async () => {
    const slots = new Slots(2);
    const started: number[] = [];
    const finish = new Map<number, (fail: boolean) => void>();
    const jobs = [0, 1, 2, 3].map((i) =>
      slots.run(
        () =>
          new Promise<number>((resolve, reject) => {
            started.push(i);
            finish.set(i, (fail) => (fail ? reject(new Error(`job ${i} failed`)) : resolve(i)));
          }),
      ),
    );
    await settle();
    expect(started).toEqual([0, 1]);
    finish.get(1)!(true);
    await settle();
    expect(started).toEqual([0, 1, 2]);
    finish.get(0)!(false);
    await settle();
    expect(started).toEqual([0, 1, 2, 3]);
    finish.get(2)!(false);
    finish.get(3)!(false);
    expect(await Promise.allSettled(jobs)).toEqual([
      { status: 'fulfilled', value: 0 },
      { status: 'rejected', reason: new Error('job 1 failed') },
      { status: 'fulfilled', value: 2 },
      { status: 'fulfilled', value: 3 },
    ]);
    // Every slot was given back: two run at once again.
    const again: number[] = [];
    for (const i of [0, 1, 2]) void slots.run(() => new Promise<void>(() => again.push(i)));
    await settle();
    expect(again).toEqual([0, 1]);
  });
});
