import { beforeEach, describe, expect, it } from "vitest";
import { fakeBrowser } from "wxt/testing";
import { compileMatcher } from "../../lib/matching";
import { specOfSieve, type Sieve } from "../../lib/matching/sieve";
import { sieveFor } from "../../lib/matching/sieve-build";
import { keepSieve, storedSieve, useStoredSieve } from "../../lib/settings/sieve-store";
import { fixtureIndex } from "./matching/fixture-index";

const builtSpec = () => specOfSieve(sieveFor(compileMatcher(fixtureIndex)) as Sieve);

describe("the stored page sieve", () => {
  beforeEach(() => fakeBrowser.reset());

  it("is stored by the background once per build, and again for another build", async () => {
    await keepSieve(fixtureIndex, "build-a");
    const stored = await storedSieve.getValue();
    expect(stored).toEqual({ key: "build-a", spec: builtSpec() });

    // The same build keeps what is stored (the marker stays)...
    await storedSieve.setValue({ key: "build-a", spec: { ...builtSpec(), capitals: "marker" } });
    await keepSieve(fixtureIndex, "build-a");
    expect((await storedSieve.getValue())?.spec.capitals).toBe("marker");
    // ...another build replaces it.
    await keepSieve(fixtureIndex, "build-b");
    expect(await storedSieve.getValue()).toEqual({ key: "build-b", spec: builtSpec() });
  });

  it("is adopted by a page's matcher only when this build stored it", () => {
    const spec = { ...builtSpec(), capitals: "(?!)" };
    const ofOtherBuild = compileMatcher(fixtureIndex);
    useStoredSieve(ofOtherBuild, { key: "build-a", spec }, "build-b");
    expect(sieveFor(ofOtherBuild)?.capitals.source).toBe(builtSpec().capitals);

    const ofThisBuild = compileMatcher(fixtureIndex);
    useStoredSieve(ofThisBuild, { key: "build-b", spec }, "build-b");
    expect(sieveFor(ofThisBuild)?.capitals.source).toBe("(?!)");

    const withNone = compileMatcher(fixtureIndex);
    useStoredSieve(withNone, null, "build-b");
    expect(sieveFor(withNone)?.capitals.source).toBe(builtSpec().capitals);
  });

  it("reads anything but a record with a key as none", async () => {
    for (const value of ["garbage", 7, [], { spec: builtSpec() }, { key: 5, spec: {} }]) {
      await fakeBrowser.storage.local.set({ pageSieve: value });
      expect(await storedSieve.getValue(), JSON.stringify(value)).toBeNull();
    }
  });
});
