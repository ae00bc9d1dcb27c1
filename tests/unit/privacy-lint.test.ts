import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

/**
 * Decision 0004 rests on lint rules as much as on tests: no request and no markup from text in
 * the extension's code. These are the ways around the rules' first names that they must catch
 * too, each linted as if it were a file of the extension.
 */
describe("the lint rules that keep the extension from sending or injecting", () => {
  const eslint = new ESLint();

  async function ruleBroken(code: string, file = "lib/ui/Example.tsx"): Promise<boolean> {
    const [result] = await eslint.lintText(code, { filePath: file });
    return result!.messages.some((message) => message.severity === 2);
  }

  it.each([
    ["a fetch", "fetch('https://tracker.test');"],
    ["a fetch through window", "void window.fetch('https://tracker.test');"],
    ["a fetch through globalThis", "void globalThis.fetch('https://tracker.test');"],
    ["a beacon", "navigator.sendBeacon('https://tracker.test', 'x');"],
    ["a socket through self", "new self.WebSocket('wss://tracker.test');"],
    [
      "markup from text in a component",
      "export const Bad = ({ text }: { text: string }) => <p dangerouslySetInnerHTML={{ __html: text }} />;",
    ],
  ])("catches %s", { timeout: 30_000 }, async (_, code) => {
    expect(await ruleBroken(code)).toBe(true);
  });

  it(
    "lets ordinary code through (the rules name what they forbid, not more)",
    { timeout: 30_000 },
    async () => {
      expect(
        await ruleBroken(
          "export const Good = ({ text }: { text: string }) => <p title={text}>{text}</p>;",
        ),
      ).toBe(false);
    },
  );
});
