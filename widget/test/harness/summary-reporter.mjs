import { writeSync } from 'node:fs';

/**
 * Prints `N passed, N failed` as the very last line of a run. A test file that fails to load (import error,
 * syntax error) has no test results: it counts as one failed test.
 */
function countSuite(suite, totals) {
  for (const test of suite.tests) {
    if (test.skipped) continue;
    if (test.passed) totals.passed += 1;
    else totals.failed += 1;
  }
  for (const child of suite.suites) countSuite(child, totals);
}

export function summaryReporter() {
  let sessions = [];
  return {
    onTestRunFinished(args) {
      sessions = args.sessions;
    },
    stop(args) {
      const totals = { passed: 0, failed: 0 };
      for (const session of args.sessions ?? sessions) {
        const before = totals.passed + totals.failed;
        if (session.testResults) countSuite(session.testResults, totals);
        const counted = totals.passed + totals.failed - before;
        const brokenFile = session.errors.length > 0 && counted === 0;
        // Errors outside any test (uncaught, failed import) fail the file even if its tests passed.
        if (brokenFile || (session.errors.length > 0 && session.passed === false && totals.failed === 0)) {
          totals.failed += 1;
        }
      }
      // The CLI still prints its own summary after the reporters stop: write ours when the process exits.
      process.once('exit', () => writeSync(1, `${totals.passed} passed, ${totals.failed} failed\n`));
    },
  };
}
