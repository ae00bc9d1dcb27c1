import { describe, expect, it } from "vitest";
import { startupTaskOf } from "../../../scripts/bench/measure";

describe("startupTaskOf: the long task the content script started in", () => {
  const longTasks = [
    { start: 100, ms: 60 },
    { start: 400, ms: 120 },
  ];

  it("is the long task that holds the script's start", () => {
    expect(startupTaskOf(longTasks, 450.3)).toBe(120);
    expect(startupTaskOf(longTasks, 100)).toBe(60);
  });

  it("allows for long-task entries rounded to the millisecond", () => {
    expect(startupTaskOf(longTasks, 99.6)).toBe(60);
    expect(startupTaskOf(longTasks, 160.4)).toBe(60);
  });

  it("is null when the script started outside every long task, or never", () => {
    expect(startupTaskOf(longTasks, 300)).toBeNull();
    expect(startupTaskOf([], 300)).toBeNull();
    expect(startupTaskOf(longTasks, null)).toBeNull();
  });
});
