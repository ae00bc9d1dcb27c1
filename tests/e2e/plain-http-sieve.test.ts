/**
 * A plain-http page is no secure context: its content script has no `crypto.subtle` to check the
 * stored page sieve with, so it asks the background for the sieve the background built (decision
 * 0009, addendum). A page on 127.0.0.1 is a secure context and adopts the stored one, asking
 * nothing. The host name `plain.test` is mapped to the loopback server, and is not one.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitForStoredSieve } from "../../scripts/demo/browser";
import {
  articlePath,
  DEMO_ARTICLE_ID,
  startHarness,
  waitForMarkingToSettle,
  type Harness,
} from "./support/harness";

const PLAIN_HOST = "plain.test";

/** The types of the messages the background has received since it was asked to record them. */
const recordedTypes = (harness: Harness): Promise<string[]> =>
  harness.browser.serviceWorker.evaluate(() => (self as unknown as { seen: string[] }).seen);

describe("the page sieve on a plain-http page", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({
      extraArgs: [`--host-resolver-rules=MAP ${PLAIN_HOST} 127.0.0.1`],
    });
    await waitForStoredSieve(harness.browser.serviceWorker);
    await harness.browser.serviceWorker.evaluate(() => {
      type Recorder = {
        seen: string[];
        chrome: {
          runtime: { onMessage: { addListener(listener: (message: unknown) => void): void } };
        };
      };
      const recorder = self as unknown as Recorder;
      recorder.seen = [];
      recorder.chrome.runtime.onMessage.addListener((message) => {
        recorder.seen.push(String((message as { type?: unknown })?.type));
      });
    });
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it("is asked of the background where the stored one cannot be checked, and marks the same", async () => {
    const secure = await harness.open(articlePath(DEMO_ARTICLE_ID));
    expect(await secure.evaluate(() => isSecureContext)).toBe(true);
    const marked = await waitForMarkingToSettle(secure);
    expect(await recordedTypes(harness)).not.toContain("sieve");

    const plainUrl = new URL(harness.server.url);
    plainUrl.hostname = PLAIN_HOST;
    const plain = await harness.browser.context.newPage();
    await plain.goto(plainUrl.origin + articlePath(DEMO_ARTICLE_ID));
    expect(await plain.evaluate(() => isSecureContext)).toBe(false);
    expect(await waitForMarkingToSettle(plain)).toEqual(marked);
    expect(await recordedTypes(harness)).toContain("sieve");
    await secure.close();
    await plain.close();
  });
});
