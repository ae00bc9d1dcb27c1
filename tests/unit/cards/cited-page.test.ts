import { describe, expect, it } from "vitest";
import { citedPage } from "../../../lib/cards/citation";

describe("citedPage", () => {
  it("leaves an ordinary title and address as they are, but for the autolink's brackets", () => {
    expect(citedPage({ title: "Q&A: who said what", url: "https://news.test/story" })).toEqual({
      title: "Q&A: who said what",
      url: "<https://news.test/story>",
    });
  });

  it("cites the address without the user name and password it may carry", () => {
    expect(citedPage({ title: "", url: "https://reader:secret@news.test/story#top" }).url).toBe(
      "<https://news.test/story#top>",
    );
  });

  it.each([
    ["right-to-left override", "\u202egnp.exe", "gnp.exe"],
    ["isolates and marks", "\u2067a\u2069\u200f\u061cb", "ab"],
    ["line breaks", "one\r\ntwo\u2028three", "one two three"],
    ["emphasis and code", "*a* _b_ `c` ~d~", "\\*a\\* \\_b\\_ \\`c\\` \\~d\\~"],
  ])("takes %s out of the title's markup", (_, title, cited) => {
    expect(citedPage({ title, url: "https://news.test/" }).title).toBe(cited);
  });
});
