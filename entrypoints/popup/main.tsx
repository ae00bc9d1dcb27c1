import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { browser } from "wxt/browser";
import type { ScriptPublicPath } from "wxt/utils/inject-script";
import { setSiteEnabled } from "~/lib/settings/settings";
import { Popup } from "~/lib/ui/Popup";
import { createPopupPorts, type PopupBrowser } from "~/lib/ui/popup-ports";
import { createPopupSession, type PopupPorts, type PopupView } from "~/lib/ui/popup-session";
import "./popup.css";

function App({ ports }: { ports: PopupPorts }) {
  const [view, setView] = useState<PopupView>({ state: { status: "loading" }, notice: null });
  const [session] = useState(() => createPopupSession(ports, setView));
  useEffect(() => {
    void session.start();
    // Unmounted when the popup closes: it stops asking the page.
    return () => session.stop();
  }, [session]);
  return (
    <Popup
      state={view.state}
      notice={view.notice}
      onJump={(entity) => void session.jump(entity)}
      onToggleSite={(enabled) => void session.toggleSite(enabled)}
      onOpenSettings={() => void browser.runtime.openOptionsPage()}
      onCopySummary={() => void session.copySummary()}
    />
  );
}

function mountPopup(root: HTMLElement) {
  const { scripting } = browser;
  const api: PopupBrowser = {
    tabs: browser.tabs,
    runtime: browser.runtime,
    // The files come from the manifest at run time, not from WXT's typed list of public paths.
    scripting: scripting && {
      executeScript: ({ target, files }) =>
        scripting.executeScript({ target, files: files as ScriptPublicPath[] }),
    },
  };
  const ports = createPopupPorts(api, location.search, {
    setSiteEnabled,
    writeClipboard: (text) => navigator.clipboard.writeText(text),
    schedule(run, delayMs) {
      const timer = setTimeout(run, delayMs);
      return () => clearTimeout(timer);
    },
  });
  render(<App ports={ports} />, root);
  addEventListener("pagehide", () => render(null, root), { once: true });
}

const root = document.getElementById("app");
if (root) mountPopup(root);
