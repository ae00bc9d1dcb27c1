/**
 * An add-on update in Firefox, with a marked page open: Firefox shuts the old version down (its
 * content scripts stop, their marks stay in the page) and starts the new one, which it injects
 * into the tabs already open, unlike Chrome. The new script finds a page holding marks it did not
 * make: it must not mark the names inside them again (it undoes them and marks the page as new),
 * and must answer for its marks. The test removes
 * the add-on and installs it again, which Firefox goes through the same way; its pages get a new
 * address then, so the popup is not opened here.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIREFOX_EXTENSION_DIR, geckoIdOf } from "../../scripts/demo/firefox";
import {
  firefoxMarkOf,
  startFirefoxHarness,
  waitForFirefoxCard,
  waitForFirefoxMarkingToSettle,
  type FirefoxHarness,
} from "./support/firefox";
import { articlePath, DEMO_ARTICLE_ID, type MarkInfo } from "./support/harness";
import { normalise } from "./support/ui";

/** Quoted in the demo article: his card names him. */
const PERSON_ID = "vinod-khosla";
const PERSON_NAME = "Vinod Khosla";
/** Firefox injects the new version's script a moment after the install returns. */
const INJECTED_TIMEOUT_MS = 15_000;

describe("an open page across an add-on update in Firefox", () => {
  let harness: FirefoxHarness;
  beforeAll(async () => {
    harness = await startFirefoxHarness();
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it("keeps one set of marks, and they open cards again", async () => {
    const page = await harness.open(articlePath(DEMO_ARTICLE_ID));
    const before: MarkInfo[] = await waitForFirefoxMarkingToSettle(page);

    const { browser } = harness.firefox;
    await browser.uninstallExtension(geckoIdOf(FIREFOX_EXTENSION_DIR));
    await browser.installExtension(FIREFOX_EXTENSION_DIR);

    // The new version answers for the page's marks: hovering one opens its card, once Firefox has
    // injected it (a hover before that reaches no script, so the pointer comes back until then).
    // The mark is looked up again each time: the new script undoes the old marks, which it did
    // not make, and marks their names again, so one found before may have left the page.
    const deadline = Date.now() + INJECTED_TIMEOUT_MS;
    let card: string | null = null;
    while (card === null) {
      const tooLate = (error: unknown) => {
        if (Date.now() > deadline) throw error;
        return null;
      };
      await page.mouse.move(0, 0);
      const hovered = await firefoxMarkOf(page, PERSON_ID)
        .then((mark) => mark.hover())
        .then(() => true, tooLate);
      if (hovered) card = await waitForFirefoxCard(page).catch(tooLate);
    }
    expect(normalise(card)).toContain(PERSON_NAME);
    // Once the new script's pass is over: none of the names inside the old marks marked again.
    expect(await waitForFirefoxMarkingToSettle(page)).toEqual(before);
    expect(await page.$$eval("receipts-mark receipts-mark", (nested) => nested.length)).toBe(0);
    await page.close();
  });
});
