/**
 * WXT's context stops an older copy of our script when a newer one starts, on a DOM event; a page
 * could send the same event (tests/e2e/hostile.test.ts sends it in Chromium). jsdom has one world,
 * so the page's detail is made as each browser hands it over: a fresh copy at each read
 * (Chromium), or an object of another realm (Firefox's wrapper, whose constructor is the page's
 * `Object`).
 */
import { runInNewContext } from "node:vm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ContentScriptContext } from "wxt/utils/content-script-context";
import { ignoreForgedStarts } from "../../lib/content/forged-start";

const contexts: ContentScriptContext[] = [];

function startCopy(): ContentScriptContext {
  const ctx = new ContentScriptContext("content");
  ignoreForgedStarts(ctx);
  contexts.push(ctx);
  return ctx;
}

/** The event WXT's context sends as it starts, with the detail a page's copy would arrive as. */
function dispatchStarted(detail: () => unknown): void {
  const event = new CustomEvent(startedEventType);
  Object.defineProperty(event, "detail", { get: detail });
  document.dispatchEvent(event);
}

/** The type of the event WXT's context sends as it starts, read off one as it is sent. */
let startedEventType = "";
beforeAll(() => {
  const original = document.dispatchEvent.bind(document);
  document.dispatchEvent = (event) => {
    startedEventType ||= event.type;
    return original(event);
  };
  try {
    new ContentScriptContext("content").abort();
  } finally {
    document.dispatchEvent = original;
  }
});

afterEach(() => {
  for (const ctx of contexts.splice(0)) ctx.abort();
});

describe("ignoreForgedStarts", () => {
  it("lets a newer copy of our script stop the older one, as WXT means it to", () => {
    expect(startedEventType).toMatch(/:wxt:content-script-started$/);
    const older = startCopy();
    const newer = startCopy();
    expect([older.isValid, newer.isValid]).toEqual([false, true]);
  });

  it("ignores the event when its detail is a fresh copy at each read (a page's, in Chromium)", () => {
    const ctx = startCopy();
    dispatchStarted(() => ({ contentScriptName: "content", messageId: "forged" }));
    expect(ctx.isValid).toBe(true);
  });

  it("ignores the event when its detail is an object of another realm (a page's, in Firefox)", () => {
    const ctx = startCopy();
    const detail: unknown = runInNewContext('({ contentScriptName: "content", messageId: "x" })');
    dispatchStarted(() => detail);
    expect(ctx.isValid).toBe(true);
  });

  it("ignores the event with no detail, and lets a same-world detail through", () => {
    const ctx = startCopy();
    dispatchStarted(() => null);
    expect(ctx.isValid).toBe(true);
    const detail = { contentScriptName: "content", messageId: "newer" };
    dispatchStarted(() => detail);
    expect(ctx.isValid).toBe(false);
  });
});
