/**
 * How long this process's own work holds its event loop: `LoopHoldMonitor` ticks a timer and, at each tick, takes the
 * loop's delay (the time the tick came late) less the time the thread spent waiting for a CPU meanwhile (Linux's
 * `/proc/thread-self/schedstat`, run-queue wait in nanoseconds). What remains is the time the loop was busy with a
 * task of its own (computing, or a synchronous read or write): a regular expression that backtracks, a compile that
 * grows faster than linearly. A machine loaded by other processes makes the loop late too, but that time is spent
 * waiting for a CPU and is not counted, so a load that slows every process does not read as a stall here, while a
 * real one still does. Without schedstat (not Linux, or a kernel without it) the wall-clock delay is taken whole.
 */
import { readFileSync } from 'node:fs';

const SCHEDSTAT = '/proc/thread-self/schedstat';

/** Nanoseconds the calling thread has waited for a CPU since it started, or null when the system does not say. */
export function runQueueWaitNs(): number | null {
  try {
    const wait = Number(readFileSync(SCHEDSTAT, 'utf8').split(' ')[1]);
    return Number.isFinite(wait) ? wait : null;
  } catch {
    return null;
  }
}

/** The longest times the event loop of the thread that started the monitor was late, with and without the CPU wait. */
export interface LoopHold {
  /** The longest the loop was held by this thread's own work (its delay less the time it waited for a CPU), seconds. */
  heldSeconds: number;
  /** The longest wall-clock delay of the loop, CPU waits included, seconds. */
  delaySeconds: number;
  /** Whether the CPU wait was known (schedstat read), so that `heldSeconds` excludes it. */
  excludesCpuWait: boolean;
}

/** Watches the event loop of the thread that starts it; `stop()` ends it (its timer never keeps a process alive). */
export class LoopHoldMonitor {
  private held = 0;
  private delay = 0;
  private readonly timer: NodeJS.Timeout;
  private lastAt = process.hrtime.bigint();
  private lastWait = runQueueWaitNs();
  private readonly knowsWait = this.lastWait !== null;

  /** `intervalMs`: how often the loop is sampled; a hold shorter than this may be missed, a longer one never is. */
  constructor(private readonly intervalMs = 20) {
    this.timer = setInterval(() => this.tick(), intervalMs);
    this.timer.unref();
  }

  private tick(): void {
    const at = process.hrtime.bigint();
    const wait = runQueueWaitNs();
    const lateNs = Number(at - this.lastAt) - this.intervalMs * 1e6;
    const waitedNs = wait !== null && this.lastWait !== null ? wait - this.lastWait : 0;
    this.lastAt = at;
    this.lastWait = wait;
    this.delay = Math.max(this.delay, lateNs / 1e9);
    this.held = Math.max(this.held, (lateNs - waitedNs) / 1e9);
  }

  /** The longest delays seen since the monitor started (a tick pending now is taken into account first). */
  read(): LoopHold {
    this.tick();
    return { heldSeconds: Math.max(0, this.held), delaySeconds: Math.max(0, this.delay), excludesCpuWait: this.knowsWait };
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
