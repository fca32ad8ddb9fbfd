/**
 * A static file server for the browser tests: serves files under the repository's allowed folders,
 * with the COOP/COEP headers of a cross-origin-isolated page when asked.
 */
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { extname, join, normalize, resolve } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".css": "text/css",
  ".png": "image/png",
  ".map": "application/json",
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/** Serves `root`'s files below any of `folders` (relative to root) on 127.0.0.1, on a free port. */
export async function serveStatic(root: string, folders: string[], { isolated = false } = {}): Promise<StaticServer> {
  const allowed = folders.map((f) => resolve(root, f));
  const server: Server = createServer((request, response) => {
    const path = resolve(root, "." + normalize(decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname)));
    const headers: Record<string, string> = isolated ? { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp" } : {};
    if (!allowed.some((a) => path.startsWith(a)) || !existsSync(path) || !statSync(path).isFile()) {
      response.writeHead(404, headers).end();
      return;
    }
    response.writeHead(200, { ...headers, "Content-Type": TYPES[extname(path)] ?? "application/octet-stream" });
    createReadStream(path).pipe(response);
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(() => done())) };
}

export const REPO_ROOT = join(import.meta.dirname, "..", "..", "..");
