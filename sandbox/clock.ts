// The sandbox's notion of "now": wall clock plus an offset tests can push forward (POST /__sandbox/knobs).
export class Clock {
  offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }
}
