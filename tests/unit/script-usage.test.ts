import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

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

function run(script: string, argument: string) {
  const result = spawnSync("node", ["--import", "tsx", script, argument], {
    encoding: "utf8",
    timeout: SPAWN_TIMEOUT_MS,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("the scripts' command lines", () => {
  it.each(SCRIPTS)("npm run %s -- --help prints its usage and exits 0", (name, script) => {
    const { status, stdout } = run(script, "--help");
    expect(stdout).toContain(`usage: npm run ${name}`);
    expect(status).toBe(0);
  });

  it.each(SCRIPTS)("npm run %s -- --no-such-option fails with its usage", (name, script) => {
    const { status, stdout, stderr } = run(script, "--no-such-option");
    expect(stderr).toContain("--no-such-option");
    expect(stderr).toContain(`usage: npm run ${name}`);
    expect(stdout).toBe("");
    expect(status).toBe(2);
  });
});
