// Collects failed checks from large loops and asserts once: jest's expect costs ~50 µs a call,
// which would dominate property tests that make tens of thousands of checks.
export class Failures {
  readonly list: string[] = [];
  checks = 0;

  /** Records `label` (built lazily) unless `condition` holds. */
  check(condition: boolean, label: () => string): void {
    this.checks++;
    if (!condition && this.list.length < 20) this.list.push(label());
  }
}
