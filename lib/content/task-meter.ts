/**
 * The bench's meter, in the measuring build only (`npm run build:measure`; the store build leaves
 * it out, see entrypoints/content/index.ts): the longest of the content script's own tasks so
 * far, written on the page's <html>, because long-task entries cannot tell the page's own tasks
 * from ours and the bench's bar is about ours. It also writes when the script started, so the
 * bench can find the task that evaluated it (our code, before any of it could time itself).
 *
 * Never in a reader's browser: any page could read these attributes and so tell a Receipts reader
 * apart (decision 0004).
 */
export const STARTED_AT_ATTRIBUTE = "data-receipts-started-at";
export const LONGEST_TASK_ATTRIBUTE = "data-receipts-longest-task-ms";

/** Records one task's duration (ms); only a longer task than any before is written. */
export type TaskRecorder = (ms: number) => void;

export function createTaskMeter(startedAt: number): TaskRecorder {
  const root = document.documentElement;
  root.setAttribute(STARTED_AT_ATTRIBUTE, String(startedAt));
  let longest = -1;
  return (ms) => {
    if (ms <= longest) return;
    longest = ms;
    root.setAttribute(LONGEST_TASK_ATTRIBUTE, String(ms));
  };
}
