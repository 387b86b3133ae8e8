/**
 * Named pass/fail checks for the engine suites. Each group declares its checks up front, so a step that
 * throws (a browser that hangs, a timeout) fails every check it did not reach instead of hiding them.
 */
export class Checks {
  private passed = 0;
  private failed = 0;

  group(prefix: string, names: readonly string[]): Group {
    return new Group(prefix, names, (ok) => {
      if (ok) this.passed += 1;
      else this.failed += 1;
    });
  }

  get failures(): number {
    return this.failed;
  }

  summary(): string {
    return `${this.passed} passed, ${this.failed} failed`;
  }
}

export class Group {
  private readonly pending: Set<string>;

  constructor(
    private readonly prefix: string,
    names: readonly string[],
    private readonly count: (ok: boolean) => void,
  ) {
    this.pending = new Set(names);
  }

  check(name: string, ok: boolean, detail: string): void {
    if (!this.pending.delete(name)) throw new Error(`check "${name}" is not declared or ran twice`);
    this.count(ok);
    process.stdout.write(`${ok ? 'ok  ' : 'FAIL'} ${this.prefix}: ${name} (${detail})\n`);
  }

  /** Fails every check not yet run, with the reason. */
  abandon(reason: string): void {
    for (const name of this.pending) {
      this.count(false);
      process.stdout.write(`FAIL ${this.prefix}: ${name} (not reached: ${reason})\n`);
    }
    this.pending.clear();
  }
}
