/**
 * A small static file server for the demo and the real-browser tests: loopback only, a random
 * port by default, GET and HEAD only, and nothing outside its root (no `..`, no symlink escapes).
 */
import { createReadStream, realpathSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, resolve, sep } from "node:path";

export const LOOPBACK_HOST = "127.0.0.1";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".htm": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
};
const FALLBACK_CONTENT_TYPE = "application/octet-stream";

export interface StaticServer {
  /** Base URL without a trailing slash, e.g. "http://127.0.0.1:41234". */
  url: string;
  port: number;
  root: string;
  close(): Promise<void>;
}

export interface StaticServerOptions {
  root: string;
  /** 0 picks a free port. */
  port?: number;
}

/**
 * Maps a request path to a file under `root`, or undefined when the path is malformed or would
 * leave the root. Pure apart from the symlink check, which needs the file system.
 */
export function resolveRequestPath(root: string, requestUrl: string): string | undefined {
  const rootReal = realpathSync(resolve(root));
  let pathname: string;
  try {
    // Only the path counts: the host part of a full URL in the request line is ignored.
    pathname = decodeURIComponent(new URL(requestUrl, "http://localhost").pathname);
  } catch {
    return undefined;
  }
  if (pathname.includes("\0")) return undefined;
  // Refuse any `..` segment outright, whether the client normalised it or not.
  const segments = pathname.split(/[/\\]+/);
  if (segments.includes("..")) return undefined;
  const candidate = resolve(join(rootReal, ...segments));
  if (candidate !== rootReal && !candidate.startsWith(rootReal + sep)) return undefined;
  let real: string;
  try {
    real = realpathSync(candidate);
  } catch {
    return candidate; // does not exist: the caller answers 404
  }
  if (real !== rootReal && !real.startsWith(rootReal + sep)) return undefined;
  return real;
}

function send(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
  response.end(`${message}\n`);
}

function handle(root: string, request: IncomingMessage, response: ServerResponse): void {
  if (request.method !== "GET" && request.method !== "HEAD") {
    response.setHeader("allow", "GET, HEAD");
    send(response, 405, "Method not allowed");
    return;
  }
  const resolved = resolveRequestPath(root, request.url ?? "/");
  if (resolved === undefined) {
    send(response, 403, "Forbidden");
    return;
  }
  let file = resolved;
  let stats = statSync(file, { throwIfNoEntry: false });
  if (stats?.isDirectory()) {
    file = join(file, "index.html");
    stats = statSync(file, { throwIfNoEntry: false });
  }
  if (!stats?.isFile()) {
    send(response, 404, "Not found");
    return;
  }
  response.writeHead(200, {
    "content-type": CONTENT_TYPES[extname(file).toLowerCase()] ?? FALLBACK_CONTENT_TYPE,
    "content-length": stats.size,
    // The tests edit fixtures between runs; never let the browser serve a stale copy.
    "cache-control": "no-store",
  });
  if (request.method === "HEAD") {
    response.end();
    return;
  }
  createReadStream(file).pipe(response);
}

/** Serves `root` on 127.0.0.1. Resolves once listening; `close()` also drops open connections. */
export async function startStaticServer(options: StaticServerOptions): Promise<StaticServer> {
  const root = realpathSync(resolve(options.root));
  const server = createServer((request, response) => handle(root, request, response));
  await new Promise<void>((resolveListening, rejectListening) => {
    server.once("error", rejectListening);
    server.listen(options.port ?? 0, LOOPBACK_HOST, () => resolveListening());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${LOOPBACK_HOST}:${port}`,
    port,
    root,
    close: () =>
      new Promise<void>((resolveClosed, rejectClosed) => {
        server.close((error) => (error ? rejectClosed(error) : resolveClosed()));
        server.closeAllConnections();
      }),
  };
}
