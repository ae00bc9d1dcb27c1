import type { Scheduler } from "../../../lib/dom/observer";

/** A scheduler the test runs by hand, so observer batches and pass slices are deterministic. */
export function manualScheduler() {
  const queue: Array<() => void> = [];
  const schedule: Scheduler = (run) => {
    queue.push(run);
    return () => {
      const at = queue.indexOf(run);
      if (at >= 0) queue.splice(at, 1);
    };
  };
  return {
    schedule,
    get scheduled() {
      return queue.length;
    },
    /** Runs the first scheduled task (one more task of a sliced pass). */
    runNext(): void {
      queue.shift()?.();
    },
    /** Runs every task at once, including those the tasks schedule; returns how many ran. */
    runQueued(): number {
      let ran = 0;
      while (queue.length > 0) {
        queue.shift()?.();
        ran += 1;
      }
      return ran;
    },
    /**
     * Delivers pending mutation records (a microtask), then runs what was scheduled, delivering
     * records again after each task; returns how many tasks ran.
     */
    async runAll(): Promise<number> {
      let ran = 0;
      await Promise.resolve();
      while (queue.length > 0) {
        queue.shift()?.();
        ran += 1;
        await Promise.resolve();
      }
      return ran;
    },
  };
}
