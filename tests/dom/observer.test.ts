import { afterEach, describe, expect, it, vi } from "vitest";
import { collectText } from "../../lib/dom/collect";
import { markMatches } from "../../lib/dom/highlighter";
import { defaultScheduler, observePage, withoutObserving } from "../../lib/dom/observer";
import { appendParagraph, loadHtml, testSession } from "./support/pages";
import { manualScheduler } from "./support/scheduler";

let disconnect: (() => void) | null = null;
afterEach(() => {
  disconnect?.();
  disconnect = null;
});

describe("observePage", () => {
  it("batches added subtrees into one callback with only the outermost new roots", async () => {
    loadHtml("<body><main id='main'><p>Old</p></main></body>");
    const scheduler = manualScheduler();
    const onNewContent = vi.fn();
    disconnect = observePage(document.body, onNewContent, { schedule: scheduler.schedule });
    const main = document.getElementById("main")!;
    const article = document.createElement("article");
    main.append(article);
    appendParagraph("Tim Cook", article);
    const second = appendParagraph("Palantir", main);
    await scheduler.runAll();
    expect(onNewContent).toHaveBeenCalledTimes(1);
    expect(onNewContent.mock.calls[0]?.[0]).toEqual([article, second]);
  });

  it("reports a changed text node through its parent, so split names are found whole", async () => {
    loadHtml("<body><p id='p'><b>Tim</b> <span id='s'>someone</span></p></body>");
    const scheduler = manualScheduler();
    const onNewContent = vi.fn();
    disconnect = observePage(document.body, onNewContent, { schedule: scheduler.schedule });
    const span = document.getElementById("s")!;
    (span.firstChild as Text).data = "Cook";
    await scheduler.runAll();
    expect(onNewContent.mock.calls).toEqual([[[span]]]);
  });

  it("reports an element whose hidden or open attribute changed, as it may reveal text", async () => {
    loadHtml("<body><div id='more' hidden><p>Palantir</p></div><details id='d'></details></body>");
    const scheduler = manualScheduler();
    const onNewContent = vi.fn();
    disconnect = observePage(document.body, onNewContent, { schedule: scheduler.schedule });
    document.getElementById("more")!.removeAttribute("hidden");
    document.getElementById("d")!.setAttribute("open", "");
    document.getElementById("d")!.setAttribute("class", "animated");
    await scheduler.runAll();
    expect(onNewContent.mock.calls).toEqual([
      [[document.getElementById("more"), document.getElementById("d")]],
    ]);
  });

  it("does not report a class or style change, which pages make every animation frame", async () => {
    loadHtml("<body><p id='p'>Palantir</p></body>");
    const scheduler = manualScheduler();
    const onNewContent = vi.fn();
    disconnect = observePage(document.body, onNewContent, { schedule: scheduler.schedule });
    document.getElementById("p")!.setAttribute("class", "animated");
    document.getElementById("p")!.setAttribute("style", "opacity: 0.5");
    await scheduler.runAll();
    expect(scheduler.scheduled).toBe(0);
    expect(onNewContent).not.toHaveBeenCalled();
  });

  it("reports the observed root itself when its hidden attribute changes", async () => {
    loadHtml("<body><main id='main' hidden><p>Palantir</p></main></body>");
    const scheduler = manualScheduler();
    const onNewContent = vi.fn();
    const main = document.getElementById("main")!;
    disconnect = observePage(main, onNewContent, { schedule: scheduler.schedule });
    main.removeAttribute("hidden");
    await scheduler.runAll();
    expect(onNewContent.mock.calls).toEqual([[[main]]]);
  });

  it("does not report a node that left the observed root for elsewhere on the page", async () => {
    loadHtml("<body><main id='main'></main><aside id='aside'></aside></body>");
    const scheduler = manualScheduler();
    const onNewContent = vi.fn();
    disconnect = observePage(document.getElementById("main")!, onNewContent, {
      schedule: scheduler.schedule,
    });
    const moved = document.createElement("p");
    document.getElementById("main")!.append(moved);
    await Promise.resolve();
    document.getElementById("aside")!.append(moved);
    await scheduler.runAll();
    expect(onNewContent).not.toHaveBeenCalled();
  });

  it("schedules one task for a batch of many changes, and a new one after it ran", async () => {
    loadHtml("<body></body>");
    const scheduler = manualScheduler();
    const onNewContent = vi.fn();
    disconnect = observePage(document.body, onNewContent, { schedule: scheduler.schedule });
    const first = [1, 2, 3].map(() => document.body.appendChild(document.createElement("p")));
    await Promise.resolve();
    expect(scheduler.scheduled).toBe(1);
    scheduler.runNext();
    const second = document.body.appendChild(document.createElement("p"));
    await Promise.resolve();
    expect(scheduler.scheduled).toBe(1);
    scheduler.runNext();
    // Each batch reports its own roots, none of the batch before.
    expect(onNewContent.mock.calls).toEqual([[first], [[second]]]);
  });

  it("ignores an added comment, and the page's changes inside our marks", async () => {
    loadHtml("<body><p id='p'>Tim Cook wrote.</p></body>");
    const scheduler = manualScheduler();
    const onNewContent = vi.fn();
    const { nodes, segments } = collectText(document.body);
    const [mark] = markMatches(nodes, segments, testSession().scan(segments));
    disconnect = observePage(document.body, onNewContent, { schedule: scheduler.schedule });
    document.getElementById("p")!.append(document.createComment("Elon Musk"));
    (mark!.firstChild as Text).data = "Tim  Cook";
    mark!.append(document.createElement("span"));
    await scheduler.runAll();
    expect(onNewContent).not.toHaveBeenCalled();
  });

  it("ignores our own marking, our UI and removals, and so cannot loop", async () => {
    loadHtml("<body><p id='p'>Tim Cook wrote.</p></body>");
    const scheduler = manualScheduler();
    const session = testSession();
    let callbacks = 0;
    const markRoots = (roots: Node[]) => {
      callbacks += 1;
      for (const root of roots) {
        const { nodes, segments } = collectText(root);
        withoutObserving(() => markMatches(nodes, segments, session.scan(segments)));
      }
    };
    disconnect = observePage(document.body, markRoots, { schedule: scheduler.schedule });
    withoutObserving(() => markRoots([document.body]));
    expect(document.querySelectorAll("receipts-mark")).toHaveLength(1);

    document.body.append(document.createElement("receipts-ui"));
    document.getElementById("p")!.remove();
    await scheduler.runAll();
    expect(callbacks).toBe(1);

    const added = appendParagraph("Then Elon Musk posted.");
    await scheduler.runAll();
    expect(callbacks).toBe(2);
    expect(added.querySelectorAll("receipts-mark")).toHaveLength(1);
    // The marking in that callback caused mutations; none of them comes back.
    await scheduler.runAll();
    expect(scheduler.scheduled).toBe(0);
    expect(callbacks).toBe(2);
  });

  it("still reports page changes made just before our own marking", async () => {
    loadHtml("<body><p>Old</p></body>");
    const scheduler = manualScheduler();
    const onNewContent = vi.fn();
    disconnect = observePage(document.body, onNewContent, { schedule: scheduler.schedule });
    const added = appendParagraph("new");
    withoutObserving(() => document.body.append(document.createElement("receipts-mark")));
    await scheduler.runAll();
    expect(onNewContent.mock.calls).toEqual([[[added]]]);
  });

  it("reports nothing after disconnect, and cancels a scheduled batch", async () => {
    loadHtml("<body></body>");
    const scheduler = manualScheduler();
    const onNewContent = vi.fn();
    const stop = observePage(document.body, onNewContent, { schedule: scheduler.schedule });
    document.body.append(document.createElement("p"));
    await Promise.resolve();
    expect(scheduler.scheduled).toBe(1);
    stop();
    expect(scheduler.scheduled).toBe(0);
    document.body.append(document.createElement("p"));
    await scheduler.runAll();
    expect(onNewContent).not.toHaveBeenCalled();
  });

  it("drops roots that left the page before the batch ran", async () => {
    loadHtml("<body></body>");
    const scheduler = manualScheduler();
    const onNewContent = vi.fn();
    disconnect = observePage(document.body, onNewContent, { schedule: scheduler.schedule });
    const transient = document.createElement("p");
    document.body.append(transient);
    await Promise.resolve();
    transient.remove();
    await scheduler.runAll();
    expect(onNewContent).not.toHaveBeenCalled();
  });

  it("drops roots inside an observed root that itself left the page", async () => {
    loadHtml("<body><main id='main'></main></body>");
    const scheduler = manualScheduler();
    const onNewContent = vi.fn();
    const main = document.getElementById("main")!;
    disconnect = observePage(main, onNewContent, { schedule: scheduler.schedule });
    main.remove();
    main.append(document.createElement("p"));
    await scheduler.runAll();
    expect(onNewContent).not.toHaveBeenCalled();
  });

  it("schedules with the default scheduler when none is given", async () => {
    loadHtml("<body></body>");
    const onNewContent = vi.fn();
    disconnect = observePage(document.body, onNewContent);
    const added = document.createElement("p");
    document.body.append(added);
    await vi.waitFor(() => expect(onNewContent).toHaveBeenCalledWith([added]));
  });
});

describe("defaultScheduler", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it("runs on idle time, at the latest after half a second, and can be cancelled", () => {
    const requestIdleCallback = vi.fn((_run: () => void, _options?: IdleRequestOptions) => 7);
    const cancelIdleCallback = vi.fn();
    vi.stubGlobal("requestIdleCallback", requestIdleCallback);
    vi.stubGlobal("cancelIdleCallback", cancelIdleCallback);
    const run = vi.fn();
    const cancel = defaultScheduler(run);
    expect(requestIdleCallback).toHaveBeenCalledWith(run, { timeout: 500 });
    cancel();
    expect(cancelIdleCallback).toHaveBeenCalledWith(7);
  });

  it("falls back to a short timer without requestIdleCallback (Safari), also cancellable", () => {
    vi.stubGlobal("requestIdleCallback", undefined);
    vi.useFakeTimers();
    const run = vi.fn();
    defaultScheduler(run);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(100);
    expect(run).toHaveBeenCalledTimes(1);
    const cancelled = vi.fn();
    defaultScheduler(cancelled)();
    vi.advanceTimersByTime(1_000);
    expect(cancelled).not.toHaveBeenCalled();
  });
});
