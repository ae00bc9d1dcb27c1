/**
 * `promise`, or a rejection with `timeoutError()` once `ms` have passed (the timer is cleared
 * either way). For the harness's calls into a browser: a wedged tab or service worker never
 * answers, and some Playwright calls (evaluate, close) have no timeout of their own.
 */
export async function withinMs<T>(
  promise: Promise<T>,
  ms: number,
  timeoutError: () => Error,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeoutError()), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
