// Prints "N passed, N failed" from vitest's JSON report and exits non-zero on any failure.
// Usage: node scripts/ci-summary.mjs RESULTS_JSON VITEST_EXIT_STATUS
import { existsSync, readFileSync } from "node:fs";

const [resultsPath, statusText = "1"] = process.argv.slice(2);
const vitestStatus = Number(statusText);

let passed = 0;
let failed = 0;
if (resultsPath && existsSync(resultsPath)) {
  const report = JSON.parse(readFileSync(resultsPath, "utf8"));
  passed = report.numPassedTests ?? 0;
  failed = report.numFailedTests ?? 0;
  // A test file that failed to load or to set up has no failed test of its own: count it once.
  for (const file of report.testResults ?? []) {
    const failedTests = (file.assertionResults ?? []).filter((test) => test.status === "failed");
    if (file.status === "failed" && failedTests.length === 0) failed += 1;
  }
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  if (skipped > 0) {
    console.error(`${skipped} test(s) were skipped; tests must not skip silently.`);
    failed += skipped;
  }
} else {
  console.error(`No test results at ${resultsPath}.`);
}
// A run that crashed before reporting, or that ran nothing, is a failure.
if (failed === 0 && (vitestStatus !== 0 || passed === 0)) failed = 1;

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
