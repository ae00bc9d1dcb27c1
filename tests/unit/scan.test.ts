import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ScanFileResult } from "../../lib/scan/format";

const INDEX = "tests/fixtures/dom-match-index.json";
const PAGES = "tests/fixtures/pages";
/** Spawning tsx compiles the script and its imports: allow it a few seconds on a slow machine. */
const SPAWN_TIMEOUT_MS = 60_000;

function scan(...args: string[]) {
  const result = spawnSync("npx", ["tsx", "scripts/scan.ts", "--index", INDEX, ...args], {
    encoding: "utf8",
    timeout: SPAWN_TIMEOUT_MS,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface Expected {
  mentions: Array<{ entity: string; text: string; how: string }>;
}

function expected(name: string): Expected {
  return JSON.parse(readFileSync(`${PAGES}/${name}.expected.json`, "utf8")) as Expected;
}

describe("npm run scan", () => {
  it(
    "prints one JSON document with each file's matches, and fails only for the unreadable file",
    () => {
      const files = [`${PAGES}/inline-splits.html`, `${PAGES}/excluded.html`];
      const { status, stdout, stderr } = scan("--json", files[0]!, "missing.html", files[1]!);
      expect(status).toBe(1);
      expect(stderr).toMatch(/cannot read missing\.html/);
      const report = JSON.parse(stdout) as { files: ScanFileResult[] };
      expect(report.files.map((file) => file.file)).toEqual(files);

      for (const [position, name] of ["inline-splits", "excluded"].entries()) {
        const matches = report.files[position]!.matches;
        expect(matches.map(({ entity, text, how }) => ({ entity, text, how }))).toEqual(
          expected(name).mentions.map(({ entity, text, how }) => ({ entity, text, how })),
        );
      }
      const [timCook] = report.files[0]!.matches;
      expect(timCook).toEqual({
        entity: "tim-cook",
        name: "Tim Cook",
        text: "Tim Cook",
        how: "full",
        start: 0,
        end: 8,
        context: "Tim Cook wrote to employees about the killing.",
      });
      const surname = report.files[0]!.matches.find((match) => match.how === "surname");
      expect(surname).toMatchObject({ name: "Tim Cook", text: "Cook" });
    },
    SPAWN_TIMEOUT_MS,
  );

  it(
    "prints a readable line per match and exits 0 when every file was read",
    () => {
      const { status, stdout, stderr } = scan(`${PAGES}/blocks.html`);
      expect(stderr).toBe("");
      expect(status).toBe(0);
      expect(stdout).toBe(
        `${PAGES}/blocks.html: 1 match\n  full    Elon Musk [105-114]: Elon Musk spoke on X.\n`,
      );
    },
    SPAWN_TIMEOUT_MS,
  );

  it(
    "explains its usage when given no files",
    () => {
      const { status, stderr } = scan("--json");
      expect(status).toBe(2);
      expect(stderr).toMatch(/usage: npm run scan/);
    },
    SPAWN_TIMEOUT_MS,
  );
});
