/**
 * The bench's loopback server: corpus pages from ../shared/corpus/pages (read in place, never
 * copied) under /corpus/, and generated pages under /synthetic/. Every response is
 * cross-origin isolated (COOP + COEP), which gives the page performance.now() at 5 µs instead
 * of 100 µs. Corpus pages also get a policy that blocks their own scripts: saved pages would
 * otherwise redirect, fail on missing assets or keep the main thread busy, and the bench times
 * our work, not theirs (the harness's own evaluate still runs: 'unsafe-eval').
 */
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { BrowserContext } from "playwright-core";
import { join, normalize, sep } from "node:path";
import { CORPUS_PAGES } from "../paths";

export const LOOPBACK_HOST = "127.0.0.1";

const ISOLATION_HEADERS = {
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-embedder-policy": "require-corp",
  "cache-control": "no-store",
};
const CORPUS_SCRIPT_POLICY = "script-src 'unsafe-eval'";

export interface BenchServer {
  url: string;
  corpusUrl(relativePath: string): string;
  syntheticUrl(name: string): string;
  close(): Promise<void>;
}

export async function startBenchServer(
  synthetic: ReadonlyMap<string, string>,
): Promise<BenchServer> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    const reply = (status: number, body: string | Buffer, extra: Record<string, string> = {}) => {
      response.writeHead(status, {
        "content-type": "text/html; charset=utf-8",
        ...ISOLATION_HEADERS,
        ...extra,
      });
      response.end(body);
    };
    if (request.method !== "GET") return reply(405, "GET only");
    if (path.startsWith("/synthetic/")) {
      const page = synthetic.get(path.slice("/synthetic/".length));
      return page === undefined ? reply(404, "not found") : reply(200, page);
    }
    if (path.startsWith("/corpus/") && path.endsWith("/source.html")) {
      const file = normalize(join(CORPUS_PAGES, path.slice("/corpus/".length)));
      if (!file.startsWith(CORPUS_PAGES + sep)) return reply(403, "forbidden");
      readFile(file).then(
        (body) => reply(200, body, { "content-security-policy": CORPUS_SCRIPT_POLICY }),
        () => reply(404, "not found"),
      );
      return;
    }
    reply(404, "not found");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, LOOPBACK_HOST, () => resolve());
  });
  const url = `http://${LOOPBACK_HOST}:${(server.address() as AddressInfo).port}`;
  return {
    url,
    corpusUrl: (relativePath) => `${url}/corpus/${relativePath.split(sep).join("/")}`,
    syntheticUrl: (name) => `${url}/synthetic/${name}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Every request of the context's pages that is not to the bench server is aborted. */
export async function blockOtherRequests(
  context: BrowserContext,
  server: BenchServer,
): Promise<void> {
  await context.route("**/*", (route) =>
    route.request().url().startsWith(server.url) ? route.continue() : route.abort(),
  );
}
