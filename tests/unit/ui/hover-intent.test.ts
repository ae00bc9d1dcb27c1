import { describe, expect, it } from "vitest";
import { CLOSE_GRACE_MS, OPEN_DELAY_MS, createHoverIntent } from "../../../lib/ui/hover-intent";

/** A manual clock: timers run only when the test advances time. */
function setup() {
  let now = 0;
  const timers: { at: number; run: () => void; cancelled: boolean }[] = [];
  const log: string[] = [];
  const intent = createHoverIntent<string>({
    open: (target, reason) => log.push(`open ${target} ${reason}`),
    close: () => log.push("close"),
    schedule(run, delay) {
      const timer = { at: now + delay, run, cancelled: false };
      timers.push(timer);
      return () => (timer.cancelled = true);
    },
  });
  const advance = (ms: number) => {
    now += ms;
    for (const timer of timers.filter((t) => !t.cancelled && t.at <= now)) {
      timer.cancelled = true;
      timer.run();
    }
  };
  return { intent, log, advance };
}

describe("hover intent", () => {
  it("opens only after the pointer rests on a mark", () => {
    const { intent, log, advance } = setup();
    intent.pointerEnterMark("a");
    advance(OPEN_DELAY_MS - 1);
    expect(log).toEqual([]);
    advance(1);
    expect(log).toEqual(["open a hover"]);
  });

  it("opens nothing for a pointer passing over", () => {
    const { intent, log, advance } = setup();
    intent.pointerEnterMark("a");
    advance(100);
    intent.pointerLeaveMark();
    advance(OPEN_DELAY_MS + CLOSE_GRACE_MS);
    expect(log).toEqual([]);
  });

  it("keeps the card open while the pointer moves into it within the grace period", () => {
    const { intent, log, advance } = setup();
    intent.pointerEnterMark("a");
    advance(OPEN_DELAY_MS);
    intent.pointerLeaveMark();
    advance(CLOSE_GRACE_MS - 1);
    intent.pointerEnterCard();
    advance(CLOSE_GRACE_MS * 3);
    expect(log).toEqual(["open a hover"]);
    intent.pointerLeaveCard();
    advance(CLOSE_GRACE_MS);
    expect(log).toEqual(["open a hover", "close"]);
  });

  it("opens at once on focus, toggles on tap, closes on dismiss; one card at a time", () => {
    const { intent, log } = setup();
    intent.focusMark("a");
    intent.tapMark("b");
    intent.tapMark("b");
    intent.focusMark("c");
    intent.dismiss();
    intent.dismiss();
    expect(log).toEqual(["open a focus", "open b tap", "close", "open c focus", "close"]);
    expect(intent.current).toBeNull();
  });

  it("a hover still waiting opens nothing once another card opened by focus or the reader dismissed", () => {
    const { intent, log, advance } = setup();
    intent.pointerEnterMark("a");
    intent.focusMark("b");
    advance(OPEN_DELAY_MS);
    expect(log).toEqual(["open b focus"]);
    intent.pointerEnterMark("c");
    intent.dismiss();
    advance(OPEN_DELAY_MS);
    expect(log).toEqual(["open b focus", "close"]);
  });

  it("a card opened while another was closing is not closed by that close", () => {
    const { intent, log, advance } = setup();
    intent.focusMark("a");
    intent.pointerLeaveMark();
    intent.focusMark("b");
    advance(CLOSE_GRACE_MS);
    expect(log).toEqual(["open a focus", "open b focus"]);
    expect(intent.current).toBe("b");
  });

  it("a close on its way is dropped by a dismiss, and closes nothing opened after it", () => {
    const { intent, log, advance } = setup();
    intent.focusMark("a");
    intent.pointerLeaveMark();
    intent.dismiss();
    intent.tapMark("b");
    advance(CLOSE_GRACE_MS);
    expect(log).toEqual(["open a focus", "close", "open b tap"]);
  });

  it("the same mark focused, hovered or entered again does not open its card twice", () => {
    const { intent, log, advance } = setup();
    intent.focusMark("a");
    intent.focusMark("a");
    intent.pointerEnterMark("a");
    advance(OPEN_DELAY_MS);
    expect(log).toEqual(["open a focus"]);
  });

  it("coming back to the open card's mark within the grace period keeps the card", () => {
    const { intent, log, advance } = setup();
    intent.pointerEnterMark("a");
    advance(OPEN_DELAY_MS);
    intent.pointerLeaveMark();
    advance(CLOSE_GRACE_MS - 1);
    intent.pointerEnterMark("a");
    advance(CLOSE_GRACE_MS * 3);
    expect(log).toEqual(["open a hover"]);
  });

  it("moving from one mark to another opens only the last one's card", () => {
    const { intent, log, advance } = setup();
    intent.pointerEnterMark("a");
    advance(OPEN_DELAY_MS - 1);
    intent.pointerEnterMark("b");
    advance(OPEN_DELAY_MS);
    expect(log).toEqual(["open b hover"]);
  });

  it("leaving with no card open, or leaving twice, schedules one close at most", () => {
    const { intent, log, advance } = setup();
    intent.pointerLeaveMark();
    intent.pointerEnterMark("a");
    advance(OPEN_DELAY_MS);
    intent.pointerLeaveMark();
    advance(CLOSE_GRACE_MS - 100);
    intent.pointerLeaveCard();
    advance(100);
    expect(log).toEqual(["open a hover", "close"]);
    // The second leave did not start a close of its own, which would end a card opened now.
    intent.focusMark("b");
    advance(CLOSE_GRACE_MS);
    expect(log).toEqual(["open a hover", "close", "open b focus"]);
  });

  it("a blurred mark's card closes after the grace period", () => {
    const { intent, log, advance } = setup();
    intent.focusMark("a");
    intent.blurMark();
    advance(CLOSE_GRACE_MS - 1);
    expect(log).toEqual(["open a focus"]);
    advance(1);
    expect(log).toEqual(["open a focus", "close"]);
  });

  it("a blurred mark's card stays open for a reader who moves into it within the grace period", () => {
    const { intent, log, advance } = setup();
    intent.focusMark("a");
    intent.blurMark();
    advance(CLOSE_GRACE_MS - 1);
    intent.pointerEnterCard();
    advance(CLOSE_GRACE_MS);
    expect(log).toEqual(["open a focus"]);
  });
});
