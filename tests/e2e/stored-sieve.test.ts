/**
 * The page sieve kept between pages (decision 0009, lib/settings/sieve-store.ts): the background
 * stores this build's sieve, pages adopt it instead of building their own, and a record that is
 * not exactly this build's sieve (another build's, or one written under this build's key) is
 * never used.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import matchIndex from "../../data/match-index.json";
import type { MatchIndex } from "../../lib/dataset/types";
import { STORED_SIEVE_KEY, type StoredSieve } from "../../lib/settings/sieve-store";
import { keyOfSpec, sieveKey } from "../../wxt.config";
import { waitForStoredSieve, writeExtensionStorage } from "../../scripts/demo/browser";
import {
  articlePath,
  DEMO_ARTICLE_ID,
  sieveFindingOnly,
  startHarness,
  waitForMarkingToSettle,
  type Harness,
} from "./support/harness";

describe("the stored page sieve", () => {
  let harness: Harness;
  let stored: StoredSieve;

  const writeStored = (value: StoredSieve): Promise<void> =>
    writeExtensionStorage(harness.browser.serviceWorker, STORED_SIEVE_KEY, value);

  beforeAll(async () => {
    harness = await startHarness();
    stored = await waitForStoredSieve(harness.browser.serviceWorker);
  });
  afterEach(async () => {
    await writeStored(stored);
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it("is stored by the background as exactly the sieve this build's key is the hash of", () => {
    // The key the build wrote into the content script (wxt.config.ts), made again here.
    expect(stored.key).toBe(sieveKey(matchIndex as MatchIndex));
    expect(keyOfSpec(stored.spec)).toBe(stored.key);
    expect(new RegExp(stored.spec.capitals).test("Vinod Khosla")).toBe(true);
    expect(stored.spec.entitiesByToken.length).toBeGreaterThan(40);
  });

  it("is never used when this build's key holds another sieve (one that only finds Khosla)", async () => {
    const everything = await waitForMarkingToSettle(
      await harness.open(articlePath(DEMO_ARTICLE_ID)),
    );
    await writeStored(sieveFindingOnly(stored, "Khosla"));
    const page = await harness.open(articlePath(DEMO_ARTICLE_ID));
    expect(await waitForMarkingToSettle(page)).toEqual(everything);
  });

  it("is never used when another build stored it", async () => {
    const everything = await waitForMarkingToSettle(
      await harness.open(articlePath(DEMO_ARTICLE_ID)),
    );
    await writeStored(sieveFindingOnly(stored, "Khosla", "another-build"));
    const page = await harness.open(articlePath(DEMO_ARTICLE_ID));
    expect(await waitForMarkingToSettle(page)).toEqual(everything);
  });
});
