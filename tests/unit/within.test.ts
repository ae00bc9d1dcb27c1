import { describe, expect, it } from "vitest";
import { withinMs } from "../../scripts/within";

class Late extends Error {}

describe("withinMs", () => {
  it("gives the promise's value when it settles in time", async () => {
    await expect(withinMs(Promise.resolve(7), 50, () => new Late())).resolves.toBe(7);
  });

  it("passes the promise's own rejection through", async () => {
    const failing = Promise.reject(new Error("no page"));
    await expect(withinMs(failing, 50, () => new Late())).rejects.toThrow("no page");
  });

  it("rejects with the caller's error when no answer comes", async () => {
    const never = new Promise<never>(() => undefined);
    await expect(withinMs(never, 10, () => new Late("over 10 ms"))).rejects.toBeInstanceOf(Late);
  });
});
