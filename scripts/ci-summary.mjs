// Prints "N passed, N failed" from vitest's JSON report and exits non-zero on any failure.
// Usage: node scripts/ci-summary.mjs RESULTS_JSON VITEST_EXIT_STATUS
//
// Every test that did not pass counts as failed: a failed test, a test skipped or left to do
// (tests must not skip silently), a test that never ran because its file's hook failed, and a file
// that failed before it had any test (it did not load). A run that left no readable report, or
// that ended non-zero with nothing counted as failed, counts as one failure: it crashed.
import { readFileSync } from "node:fs";

const NOT_RUN = new Set(["skipped", "pending", "todo", "disabled"]);

const [resultsPath, statusText = "1"] = process.argv.slice(2);
const vitestStatus = Number(statusText);

function readReport(path) {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    console.error(`No readable test results at ${path}: ${error.message}`);
    return undefined;
  }
}

let passed = 0;
let failed = 0;
const report = resultsPath ? readReport(resultsPath) : undefined;
for (const file of report?.testResults ?? []) {
  const tests = file.assertionResults ?? [];
  const count = (keep) => tests.filter((test) => keep(test.status)).length;
  const failedTests = count((status) => status === "failed");
  const notRun = count((status) => NOT_RUN.has(status));
  passed += count((status) => status === "passed");
  failed += failedTests + notRun;
  if (file.status === "failed" && failedTests + notRun === 0) {
    console.error(`${file.name} failed before any test ran.`);
    failed += 1;
  } else if (notRun > 0) {
    console.error(
      file.status === "failed"
        ? `${file.name}: ${notRun} test(s) did not run because the file failed (a hook?).`
        : `${file.name}: ${notRun} test(s) were skipped; tests must not skip silently.`,
    );
  }
}
if (failed === 0 && (vitestStatus !== 0 || passed === 0)) {
  console.error(`vitest ended with status ${statusText} after ${passed} passed test(s).`);
  failed = 1;
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
