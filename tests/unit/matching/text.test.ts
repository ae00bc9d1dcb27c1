import { describe, expect, it } from "vitest";
import {
  charClass,
  classByProperties,
  IGNORABLE,
  OTHER,
  SPACE,
  WORD,
} from "../../../lib/matching/text";

describe("charClass", () => {
  it("gives every code unit its class by Unicode properties, the common ones without them", () => {
    // Exhaustive: ASCII, Latin-1 and general punctuation are answered without property escapes
    // (cheaper on a cold page); a difference there would change where words begin and end.
    const wrong: string[] = [];
    for (let code = 0; code < 0x10000; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const cls = charClass(code);
      if (cls === IGNORABLE || code === 0x5f) continue; // soft hyphen, zero widths, "_": before
      if (cls !== classByProperties(code)) wrong.push(`U+${code.toString(16)}`);
    }
    expect(wrong).toEqual([]);
  });

  it("reads the characters of English news as words, spaces and punctuation", () => {
    expect([..."Aé1"].map((char) => charClass(char.charCodeAt(0)))).toEqual([WORD, WORD, WORD]);
    expect([" ", "\u00a0", "\u2009", "\n"].map((char) => charClass(char.charCodeAt(0)))).toEqual([
      SPACE,
      SPACE,
      SPACE,
      SPACE,
    ]);
    expect([..."’“—×"].map((char) => charClass(char.charCodeAt(0)))).toEqual([
      OTHER,
      OTHER,
      OTHER,
      OTHER,
    ]);
    expect(charClass(0x00ad)).toBe(IGNORABLE);
  });
});
