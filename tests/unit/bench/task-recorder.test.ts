import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { TASK_RECORDER_SCRIPT } from "../../../scripts/bench/measure";

/** The bench's recorder script run against a document stand-in that is still being parsed. */
function installRecorder() {
  const listeners = new Map<string, () => void>();
  const observed: unknown[] = [];
  let deliver: (mutations: unknown[]) => void = () => {};
  const document = {
    addEventListener: (type: string, listener: () => void) => listeners.set(type, listener),
  };
  const window: { __benchRecord?: { firstMarkAt: number | null; domReadyAt: number | null } } = {};
  let now = 0;
  class MutationObserver {
    constructor(callback: (mutations: unknown[]) => void) {
      deliver = callback;
    }
    observe(target: unknown) {
      observed.push(target);
    }
  }
  runInNewContext(TASK_RECORDER_SCRIPT, {
    window,
    document,
    MutationObserver,
    performance: { now: () => now },
  });
  return {
    document,
    observed,
    record: () => window.__benchRecord,
    finishParsing(at: number) {
      now = at;
      listeners.get("DOMContentLoaded")?.();
    },
    addMark(at: number) {
      now = at;
      deliver([{ addedNodes: [{ nodeType: 1, localName: "receipts-mark" }] }]);
    },
  };
}

describe("the bench's task recorder", () => {
  it("watches the document only once it is parsed, so the parse hands it no nodes", () => {
    const recorder = installRecorder();
    expect(recorder.observed).toEqual([]);
    recorder.finishParsing(120);
    expect(recorder.observed).toEqual([recorder.document]);
    expect(recorder.record()?.domReadyAt).toBe(120);
  });

  it("notes the first mark the content script makes after that", () => {
    const recorder = installRecorder();
    recorder.finishParsing(120);
    recorder.addMark(480);
    recorder.addMark(900);
    expect(recorder.record()?.firstMarkAt).toBe(480);
  });
});
