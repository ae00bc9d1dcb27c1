import { describe, expect, it } from "vitest";
import { countOf } from "../../../lib/cards/citation";

describe("countOf", () => {
  it("says one in the singular and every other count in the plural", () => {
    expect(countOf(1, "mention")).toBe("1 mention");
    expect(countOf(0, "mention")).toBe("0 mentions");
    expect(countOf(2, "mention")).toBe("2 mentions");
    expect(countOf(1, "person", "people")).toBe("1 person");
    expect(countOf(3, "person", "people")).toBe("3 people");
  });
});
