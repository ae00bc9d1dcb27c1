import { describe, expect, it } from "vitest";
import { isSelected, parseArguments } from "../../../scripts/bench/args";

describe("the bench's --only", () => {
  it("keeps every page when not given", () => {
    expect(isSelected("readability/folha", undefined)).toBe(true);
  });

  it("keeps the pages whose name contains one of its comma-separated parts", () => {
    const only = "folha,lemonde-1,synthetic/huge";
    expect(isSelected("readability/folha", only)).toBe(true);
    expect(isSelected("readability/lemonde-1", only)).toBe(true);
    expect(isSelected("synthetic/huge", only)).toBe(true);
    expect(isSelected("postlight/www.lemonde.fr", only)).toBe(false);
    expect(isSelected("synthetic/live", only)).toBe(false);
  });

  it("ignores empty parts rather than keeping everything", () => {
    expect(isSelected("readability/folha", "lemonde-1,")).toBe(false);
  });

  it("is parsed as given", () => {
    expect(parseArguments(["--only", "folha,huge"])).toMatchObject({ only: "folha,huge" });
  });
});
