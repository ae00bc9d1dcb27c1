import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing";
import matchIndex from "../../data/match-index.json";
import type { MatchIndex } from "../../lib/dataset/types";
import { compileMatcher } from "../../lib/matching";
import { specOfSieve, type Sieve, type SieveSpec } from "../../lib/matching/sieve";
import { sieveFor } from "../../lib/matching/sieve-build";
import {
  genuineSieve,
  keepSieve,
  pageSieve,
  sieveSpecOf,
  storedSieve,
  useStoredSieve,
} from "../../lib/settings/sieve-store";
import { sieveKey } from "../../wxt.config";
import { fixtureIndex } from "./matching/fixture-index";

const builtSpec = (index: MatchIndex = fixtureIndex) =>
  specOfSieve(sieveFor(compileMatcher(index)) as Sieve);
/** The key a build of the fixture index has, made as wxt.config.ts makes the real one. */
const fixtureKey = sieveKey(fixtureIndex);

/** A pattern that backtracks for ever on a long run of "a"s and finds nothing else. */
const CATASTROPHIC = "(a+)+$";
const tamperings: [string, (spec: SieveSpec) => SieveSpec][] = [
  ["a pattern that backtracks", (spec) => ({ ...spec, capitals: CATASTROPHIC })],
  ["a pattern that finds nothing", (spec) => ({ ...spec, others: "(?!)" })],
  ["a token that names no one", (spec) => ({ ...spec, entitiesByToken: [] })],
  [
    "another token table",
    (spec) => ({
      ...spec,
      entitiesByToken: spec.entitiesByToken.map(([token]) => [token, [0]]),
    }),
  ],
  ["one more field", (spec) => ({ ...spec, extra: 1 }) as SieveSpec],
];

describe("the stored page sieve", () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it("is stored by the background once per build, and again for another build", async () => {
    await keepSieve(fixtureIndex, fixtureKey);
    expect(await storedSieve.getValue()).toEqual({ key: fixtureKey, spec: builtSpec() });

    // The same build keeps what is stored...
    const writes = vi.spyOn(fakeBrowser.storage.local, "set");
    await keepSieve(fixtureIndex, fixtureKey);
    expect(writes).not.toHaveBeenCalled();
    // ...another build replaces it.
    await storedSieve.setValue({ key: "another build", spec: builtSpec() });
    await keepSieve(fixtureIndex, fixtureKey);
    expect(await storedSieve.getValue()).toEqual({ key: fixtureKey, spec: builtSpec() });
  });

  it("is stored again when a record under this build's key is not this build's sieve", async () => {
    for (const [what, tamper] of tamperings) {
      await storedSieve.setValue({ key: fixtureKey, spec: tamper(builtSpec()) });
      await keepSieve(fixtureIndex, fixtureKey);
      expect(await storedSieve.getValue(), what).toEqual({ key: fixtureKey, spec: builtSpec() });
    }
  });

  it("is adopted when it is this build's sieve", async () => {
    await storedSieve.setValue({ key: fixtureKey, spec: builtSpec() });
    const spec = await genuineSieve(fixtureKey);
    expect(spec).toEqual(builtSpec());

    const matcher = compileMatcher(fixtureIndex);
    expect(useStoredSieve(matcher, spec)).toBe(true);
    expect(specOfSieve(sieveFor(matcher) as Sieve)).toEqual(builtSpec());
  });

  it("becomes the matcher's own sieve, so the page builds none of its own", () => {
    // A sieve the matcher would not build itself (that of fewer names) shows which one it uses.
    const fewer = builtSpec({ ...fixtureIndex, entities: fixtureIndex.entities.slice(0, 3) });
    const matcher = compileMatcher(fixtureIndex);
    expect(useStoredSieve(matcher, fewer)).toBe(true);
    expect(specOfSieve(sieveFor(matcher) as Sieve)).toEqual(fewer);
  });

  it("is never adopted when its contents are not this build's, whatever its key", async () => {
    for (const [what, tamper] of tamperings) {
      await storedSieve.setValue({ key: fixtureKey, spec: tamper(builtSpec()) });
      expect(await genuineSieve(fixtureKey), what).toBeNull();
    }
    await storedSieve.setValue({ key: "another build", spec: builtSpec() });
    expect(await genuineSieve(fixtureKey)).toBeNull();
    await storedSieve.setValue(null);
    expect(await genuineSieve(fixtureKey)).toBeNull();

    // The page then reads every block: its matcher is left with no sieve.
    const matcher = compileMatcher(fixtureIndex);
    expect(useStoredSieve(matcher, null)).toBe(false);
    expect(sieveFor(matcher)?.capitals.source).toBe(builtSpec().capitals);
  });

  it("adopts the text it hashed, parsed: nothing JSON merely prints the same", async () => {
    // Firefox's store keeps what structured clone does: a String object prints as its string.
    const spec = builtSpec();
    const printsTheSame = { ...spec, capitals: new String(spec.capitals) as unknown as string };
    vi.spyOn(storedSieve, "getValue").mockResolvedValue({ key: fixtureKey, spec: printsTheSame });
    const adopted = await genuineSieve(fixtureKey);
    expect(adopted).toEqual(spec);
    expect(typeof adopted?.capitals).toBe("string");
  });

  it("reads a record JSON cannot hold as none, rather than failing the page's start", async () => {
    const cyclic: Record<string, unknown> = { ...builtSpec() };
    cyclic.self = cyclic;
    for (const spec of [cyclic, { ...builtSpec(), others: 1n }]) {
      vi.spyOn(storedSieve, "getValue").mockResolvedValue({
        key: fixtureKey,
        spec: spec as unknown as SieveSpec,
      });
      expect(await genuineSieve(fixtureKey)).toBeNull();
    }
  });

  it("is not adopted where the page has no crypto.subtle (plain http)", async () => {
    await storedSieve.setValue({ key: fixtureKey, spec: builtSpec() });
    vi.stubGlobal("crypto", {});
    expect(await genuineSieve(fixtureKey)).toBeNull();
  });

  it("comes from the background where the page has no crypto.subtle (plain http)", async () => {
    await storedSieve.setValue({ key: fixtureKey, spec: builtSpec() });
    const askBackground = vi.fn(async () => sieveSpecOf(fixtureIndex));
    // A secure page adopts the stored sieve and asks nothing.
    expect(await pageSieve(fixtureKey, askBackground)).toEqual(builtSpec());
    await storedSieve.setValue(null);
    expect(await pageSieve(fixtureKey, askBackground)).toBeNull();
    expect(askBackground).not.toHaveBeenCalled();
    // A plain-http page cannot check the stored one: the background's own is the one it adopts.
    vi.stubGlobal("crypto", {});
    expect(await pageSieve(fixtureKey, askBackground)).toEqual(builtSpec());
    expect(askBackground).toHaveBeenCalledOnce();
  });

  it("stores none for an index with a name the sieve cannot stand for: pages read every block", async () => {
    const index: MatchIndex = {
      ...fixtureIndex,
      entities: [
        ...fixtureIndex.entities,
        {
          id: "li-yanhong",
          name: "李彦宏",
          aliases: [{ text: "李彦宏", how: "full", case: "as-written" }],
          markMode: "every",
        },
      ],
    };
    expect(sieveSpecOf(index)).toBeNull();
    // The build refuses such an index (wxt.config.ts); the background stores nothing for it.
    expect(() => sieveKey(index)).toThrow("makes no page sieve");
    await keepSieve(index, fixtureKey);
    expect(await storedSieve.getValue()).toBeNull();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it("reads its record from the store's pageSieve key, and anything but a record with a key as none", async () => {
    await fakeBrowser.storage.local.set({ pageSieve: { key: fixtureKey, spec: builtSpec() } });
    expect(await storedSieve.getValue()).toEqual({ key: fixtureKey, spec: builtSpec() });
    for (const value of ["garbage", 7, [], { spec: builtSpec() }, { key: 5, spec: {} }]) {
      await fakeBrowser.storage.local.set({ pageSieve: value });
      expect(await storedSieve.getValue(), JSON.stringify(value)).toBeNull();
    }
  });
});

describe("the build's key (wxt.config.ts)", () => {
  beforeEach(() => fakeBrowser.reset());

  it("is what the sieve the background stores from data/match-index.json hashes to", async () => {
    const index = matchIndex as MatchIndex;
    const key = sieveKey(index);
    expect(key).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    await keepSieve(index, key);
    expect((await storedSieve.getValue())?.spec).toEqual(builtSpec(index));
    expect(await genuineSieve(key)).toEqual(builtSpec(index));
    expect(sieveKey(fixtureIndex)).not.toBe(key);
  });
});
