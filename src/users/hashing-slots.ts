import { availableParallelism } from 'node:os';

/**
 * At most `size` jobs at once; the rest wait in order. bcrypt runs in libuv's thread pool (4
 * threads by default): on a 2-core machine a log-in storm kept four hashes running, so the
 * event loop got a fifth of the CPU and every other page waited. One hash per core at a time
 * gives the same log-ins per second (the cores are busy either way) and leaves the event loop
 * its turn, and pool threads free for file and DNS work.
 */
export class Slots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.running >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await job();
    } finally {
      // The slot passes straight to the next in line, or is given back.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

/** The process's bcrypt work: one hash per core at a time. */
export const HASHING_SLOTS = new Slots(availableParallelism());
