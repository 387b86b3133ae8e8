/**
 * Named pass/fail checks for the engine suites. Each group declares its checks up front, so a step that
 * throws (a browser that hangs, a timeout) fails every check it did not reach instead of hiding them.
 */
export class Checks {
  private passed = 0;
  private failed = 0;
  private readonly failedNames: string[] = [];
  private readonly lines: string[] = [];

  /** `buffered`: lines are kept until {@link Checks.mergeInto} instead of printed at once (a take). */
  constructor(private readonly buffered = false) {}

  group(prefix: string, names: readonly string[]): Group {
    return new Group(prefix, names, (name, ok, line) => {
      if (ok) this.passed += 1;
      else {
        this.failed += 1;
        this.failedNames.push(name);
      }
      if (this.buffered) this.lines.push(line);
      else process.stdout.write(line);
    });
  }

  get failures(): number {
    return this.failed;
  }

  /** The names of the checks that failed, in order. */
  get failedChecks(): readonly string[] {
    return this.failedNames;
  }

  /** The lines a buffered take kept. */
  get output(): readonly string[] {
    return this.lines;
  }

  /** Adds a buffered take's results to `target` and prints its lines. */
  mergeInto(target: Checks): void {
    target.passed += this.passed;
    target.failed += this.failed;
    target.failedNames.push(...this.failedNames);
    for (const line of this.lines) process.stdout.write(line);
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
    private readonly count: (name: string, ok: boolean, line: string) => void,
  ) {
    this.pending = new Set(names);
  }

  check(name: string, ok: boolean, detail: string): void {
    if (!this.pending.delete(name)) throw new Error(`check "${name}" is not declared or ran twice`);
    this.count(name, ok, `${ok ? 'ok  ' : 'FAIL'} ${this.prefix}: ${name} (${detail})\n`);
  }

  /** Fails every check not yet run, with the reason. */
  abandon(reason: string): void {
    for (const name of this.pending) {
      this.count(name, false, `FAIL ${this.prefix}: ${name} (not reached: ${reason})\n`);
    }
    this.pending.clear();
  }
}
