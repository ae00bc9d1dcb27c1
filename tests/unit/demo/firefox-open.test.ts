/**
 * openExtensionPage waits for the extension's page by asking the tab, afresh each time, whether
 * it shows the page yet. A question that lands while the tab moves to the extension's process can
 * fail inside Firefox's remote agent (a clean-clone CI run failed on one) or never be answered
 * (Firefox ESR 140, where a wait begun before the move never saw the page). Fakes stand in for
 * puppeteer's page; the clock is vitest's.
 */
import type { Page } from "puppeteer-core";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openExtensionPage, type FirefoxExtensionBrowser } from "../../../scripts/demo/firefox";

const URL = "moz-extension://00000000-0000-0000-0000-000000000000/popup.html";

type Answer = () => Promise<boolean>;

function fakeFirefox(answers: Answer[]) {
  const state = { polls: 0, closed: false };
  const page = {
    // Never finishes by itself (puppeteer/puppeteer#14314), only when aborted.
    goto: (_: string, { signal }: { signal: AbortSignal }) =>
      new Promise((_resolve, reject) =>
        signal.addEventListener("abort", () => reject(new Error("This operation was aborted"))),
      ),
    evaluate: () => {
      const next = answers[Math.min(state.polls, answers.length - 1)]!;
      state.polls += 1;
      return next();
    },
    close: () => {
      state.closed = true;
      return Promise.resolve();
    },
  };
  const firefox = {
    browser: { newPage: () => Promise.resolve(page) },
  } as unknown as FirefoxExtensionBrowser;
  return { firefox, page: page as unknown as Page, state };
}

const agentError: Answer = () =>
  Promise.reject(new Error("right-hand side of 'in' should be an object, got null"));
const noAnswer: Answer = () => new Promise<boolean>(() => undefined);
const notYet: Answer = () => Promise.resolve(false);
const shown: Answer = () => Promise.resolve(true);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("openExtensionPage", () => {
  it("asks again after a failed, an unanswered and a not-yet answer, and opens the page", async () => {
    const { firefox, page, state } = fakeFirefox([agentError, noAnswer, notYet, shown]);
    const opened = openExtensionPage(firefox, URL);
    await vi.advanceTimersByTimeAsync(2_000);
    await expect(opened).resolves.toBe(page);
    expect(state.polls).toBe(4);
    expect(state.closed).toBe(false);
  });

  it("gives up at the deadline, closing the tab", async () => {
    const { firefox, state } = fakeFirefox([notYet]);
    const opened = openExtensionPage(firefox, URL);
    const failed = expect(opened).rejects.toThrow(
      `Could not open ${URL} (navigation: This operation was aborted)`,
    );
    await vi.advanceTimersByTimeAsync(9_000);
    expect(state.closed).toBe(false);
    await vi.advanceTimersByTimeAsync(2_000);
    await failed;
    expect(state.closed).toBe(true);
  });
});
