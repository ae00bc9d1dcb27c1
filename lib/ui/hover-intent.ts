/**
 * When a card opens and closes: a small state machine, pure and driven by injected timers so it
 * is tested without a browser. One card at a time.
 */

/**
 * Pointer must rest on a mark this long before its card opens, so a pointer crossing a line of
 * text on its way elsewhere opens nothing (MediaWiki Popups waits ~500 ms including its fetch;
 * our data is local, so a shorter wait still filters passes).
 */
export const OPEN_DELAY_MS = 300;
/** Time to move the pointer from the mark into the card before it closes (Popups uses ~300 ms). */
export const CLOSE_GRACE_MS = 300;

export type Cancel = () => void;
export type Schedule = (run: () => void, delayMs: number) => Cancel;

export interface HoverIntentOptions<T> {
  open(target: T, reason: OpenReason): void;
  close(): void;
  schedule: Schedule;
}

export type OpenReason = "hover" | "focus" | "tap";

export interface HoverIntent<T> {
  readonly current: T | null;
  pointerEnterMark(target: T): void;
  pointerLeaveMark(): void;
  pointerEnterCard(): void;
  pointerLeaveCard(): void;
  /** Keyboard focus opens at once: the reader asked for it. */
  focusMark(target: T): void;
  blurMark(): void;
  /** A tap opens the card, and a second tap on the same mark closes it. */
  tapMark(target: T): void;
  /** Escape, scroll away, or the page navigated: close now. */
  dismiss(): void;
}

export function createHoverIntent<T>(options: HoverIntentOptions<T>): HoverIntent<T> {
  let current: T | null = null;
  let pendingOpen: Cancel | null = null;
  let pendingClose: Cancel | null = null;

  const cancelOpen = () => {
    pendingOpen?.();
    pendingOpen = null;
  };
  const cancelClose = () => {
    pendingClose?.();
    pendingClose = null;
  };
  const openNow = (target: T, reason: OpenReason) => {
    cancelOpen();
    cancelClose();
    if (current === target) return;
    current = target;
    options.open(target, reason);
  };
  const closeNow = () => {
    cancelOpen();
    cancelClose();
    if (current === null) return;
    current = null;
    options.close();
  };
  const closeAfterGrace = () => {
    cancelOpen();
    if (current === null || pendingClose) return;
    pendingClose = options.schedule(() => {
      pendingClose = null;
      closeNow();
    }, CLOSE_GRACE_MS);
  };

  return {
    get current() {
      return current;
    },
    pointerEnterMark(target) {
      cancelClose();
      if (current === target) return;
      cancelOpen();
      pendingOpen = options.schedule(() => {
        pendingOpen = null;
        openNow(target, "hover");
      }, OPEN_DELAY_MS);
    },
    pointerLeaveMark: closeAfterGrace,
    pointerEnterCard: cancelClose,
    pointerLeaveCard: closeAfterGrace,
    focusMark(target) {
      openNow(target, "focus");
    },
    blurMark: closeAfterGrace,
    tapMark(target) {
      if (current === target) closeNow();
      else openNow(target, "tap");
    },
    dismiss: closeNow,
  };
}
