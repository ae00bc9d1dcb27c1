import { defineConfig } from "vitest/config";
import { WxtVitest } from "wxt/testing";

// Three tiers: pure modules in Node, DOM adapters in happy-dom, the built extension in Chromium.
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    // A `.only` left in a file would quietly run that test alone: fail the run instead, on every
    // machine, not only where CI is set.
    allowOnly: false,
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
      },
      {
        extends: true,
        test: {
          name: "dom",
          include: ["tests/dom/**/*.test.{ts,tsx}"],
          environment: "happy-dom",
          // A limit, not a measure: the sliced page pass's large pages took 5 to 7 s on a machine
          // loaded 14 over its two cores, past vitest's default of 5.
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/e2e/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          // One Chromium at a time: the machine has two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
