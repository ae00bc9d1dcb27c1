/**
 * Pages that fail a check for a reason we cannot fix, each with that reason. A known failure is
 * reported as "known" (not as a pass) and does not fail the run; a known issue that stops failing
 * is reported so it can be removed. Keep this list empty whenever possible.
 */
import type { CheckName } from "./checks";

export interface KnownIssue {
  /** Page name as the sweep prints it, e.g. "postlight/www.wired.com". */
  page: string;
  check: CheckName;
  reason: string;
  /** The failure depends on the page's own timing: it may pass on a given run. */
  intermittent?: boolean;
}

export const KNOWN_ISSUES: KnownIssue[] = [
  {
    page: "scrapinghub/moneycontrol.com-65408257",
    check: "layout",
    reason:
      "the saved page never fires load offline (also in a plain Chromium without the extension, frozen clock or not) and its layout keeps shifting while it waits; the extension makes no mark and adds no element on it, so the 60 px shifts are the page's own timing",
    intermittent: true,
  },
  {
    page: "postlight/www.vulture.com--content-test",
    check: "harness",
    reason:
      "the sweep's frozen page clock stops this page from ever firing load (it loads in 2 s with a running clock); the sweep should retry such a page with a running clock in both browsers",
  },
];
