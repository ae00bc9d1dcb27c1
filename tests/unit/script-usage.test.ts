import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/**
 * Every command the README gives answers --help with its usage on stdout and exit status 0, and
 * refuses an option it does not know with exit status 2 and its usage on stderr, before doing
 * any work (no build, no browser, no file written).
 */
const SCRIPTS = [
  ["data", "scripts/data/compile.ts"],
  ["scan", "scripts/scan.ts"],
  ["demo", "scripts/demo.ts"],
  ["sweep", "scripts/sweep.ts"],
  ["bench", "scripts/bench.ts"],
  ["bench:compare", "scripts/bench-compare.ts"],
  ["bench:startup", "scripts/bench-startup.ts"],
] as const;

/** tsx starts in about a second; seven of them twice on a busy machine. */
const SPAWN_TIMEOUT_MS = 30_000;
/**
 * A test waits for its spawn's own limit: vitest's default of 5 s failed all of them at once
 * while other test runs loaded the machine (a load average of 14 on two cores).
 */
const TEST_TIMEOUT_MS = SPAWN_TIMEOUT_MS + 5_000;

const LABEL_HEADER = "page\ttext\toccurrence\tentity\tlabel\treason";

function run(script: string, ...args: string[]) {
  const result = spawnSync("node", ["--import", "tsx", script, ...args], {
    encoding: "utf8",
    timeout: SPAWN_TIMEOUT_MS,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("the scripts' command lines", () => {
  it.each(SCRIPTS)(
    "npm run %s -- --help prints its usage and exits 0",
    (name, script) => {
      const { status, stdout } = run(script, "--help");
      expect(stdout).toContain(`usage: npm run ${name}`);
      expect(status).toBe(0);
    },
    TEST_TIMEOUT_MS,
  );

  it.each(SCRIPTS)(
    "npm run %s -- --no-such-option fails with its usage",
    (name, script) => {
      const { status, stdout, stderr } = run(script, "--no-such-option");
      expect(stderr).toContain("--no-such-option");
      expect(stderr).toContain(`usage: npm run ${name}`);
      expect(stdout).toBe("");
      expect(status).toBe(2);
    },
    TEST_TIMEOUT_MS,
  );
});

describe("the sweep's errors name the file and the entry", () => {
  const folder = mkdtempSync(join(tmpdir(), "receipts-sweep-args-"));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it(
    "a labels file with a bad row: the file and the line",
    () => {
      const labels = join(folder, "labels.tsv");
      writeFileSync(labels, `${LABEL_HEADER}\na/page\tTim Cook\tfirst\ttim-cook\tyes\tApple CEO\n`);
      const { status, stderr } = run("scripts/sweep.ts", "--quality", "--labels", labels);
      expect(stderr).toContain(`${labels}: line 2: occurrence "first" is not a number from 1`);
      expect(status).toBe(2);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "a page list naming a page that is not there: the list, the page and the folder",
    () => {
      const pages = join(folder, "pages");
      mkdirSync(pages, { recursive: true });
      writeFileSync(join(pages, "here.html"), "<p>Tim Cook</p>");
      const list = join(folder, "subset.txt");
      writeFileSync(list, "here.html\nnot-here\n");
      const { status, stderr } = run(
        "scripts/sweep.ts",
        ...["--no-build", "--pages", pages, "--subset", list],
      );
      expect(stderr).toContain(`${list}: Pages not found: not-here in ${pages}`);
      expect(status).toBe(2);
    },
    TEST_TIMEOUT_MS,
  );
});
