import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  resolveRequestPath,
  startStaticServer,
  type StaticServer,
} from "../../../scripts/demo/server";

interface Reply {
  status: number;
  type: string | undefined;
  body: string;
}

/** A raw request, so paths reach the server exactly as written (no client-side normalising). */
function get(server: StaticServer, path: string, method = "GET"): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: server.port, path, method }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, type: response.headers["content-type"], body }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

describe("static server", () => {
  let base: string;
  let root: string;
  let server: StaticServer;

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), "receipts-server-test-"));
    root = join(base, "site");
    mkdirSync(join(root, "articles"), { recursive: true });
    writeFileSync(join(root, "index.html"), "<h1>index</h1>");
    writeFileSync(join(root, "articles", "a b.html"), "<h1>article</h1>");
    writeFileSync(join(root, "demo.css"), "body{}");
    writeFileSync(join(base, "secret.txt"), "outside the root");
    symlinkSync(join(base, "secret.txt"), join(root, "link.txt"));
    server = await startStaticServer({ root });
  });

  afterAll(async () => {
    await server.close();
    rmSync(base, { recursive: true, force: true });
  });

  it("listens on 127.0.0.1 on a random port", () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.port).toBeGreaterThan(0);
  });

  it("serves files with their content type, and index.html for a folder", async () => {
    await expect(get(server, "/")).resolves.toEqual({
      status: 200,
      type: "text/html; charset=utf-8",
      body: "<h1>index</h1>",
    });
    expect((await get(server, "/demo.css")).type).toBe("text/css; charset=utf-8");
    expect((await get(server, "/articles/a%20b.html")).body).toBe("<h1>article</h1>");
  });

  it("answers 404 for a missing file and 405 for anything but GET and HEAD", async () => {
    expect((await get(server, "/nope.html")).status).toBe(404);
    expect((await get(server, "/", "POST")).status).toBe(405);
    expect(await get(server, "/", "HEAD")).toMatchObject({ status: 200, body: "" });
  });

  it.each([
    "/../secret.txt",
    "/articles/../../secret.txt",
    "/%2e%2e/secret.txt",
    "/articles/..%2f..%2fsecret.txt",
    "/..%5csecret.txt",
    "/link.txt",
  ])("refuses %s, which leads outside the root", async (path) => {
    const reply = await get(server, path);
    expect(reply.body).not.toContain("outside the root");
    expect([403, 404]).toContain(reply.status);
  });

  it("resolves request paths only inside the root", () => {
    expect(resolveRequestPath(root, "/articles/a%20b.html")).toBe(
      join(root, "articles", "a b.html"),
    );
    expect(resolveRequestPath(root, "/articles/..%2f..%2fsecret.txt")).toBeUndefined();
    expect(resolveRequestPath(root, "/link.txt")).toBeUndefined();
    expect(resolveRequestPath(root, "/%E0%A4%A")).toBeUndefined();
    expect(resolveRequestPath(root, "/a%00b")).toBeUndefined();
  });
});
