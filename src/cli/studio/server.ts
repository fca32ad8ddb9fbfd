/**
 * The studio's HTTP server, on Node's own http module: the page, its assets, a JSON API over the
 * runs, live log events, and each run's checkpoint files for the page to fetch. See routes.ts for
 * the URLs; every request first passes checkRequest.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { studioAssets } from "./assets.js";
import { ConfusionMatrices } from "./confusion.js";
import { allowedHosts, reachableHost, urlHost } from "./hosts.js";
import { HttpError } from "./http-error.js";
import { checkRequest } from "./request-check.js";
import { route } from "./routes.js";
import { givenRuns, runsFolder, type RunSource } from "./runs.js";
import { SECURITY_HEADERS } from "./security-headers.js";

export interface StudioOptions {
  /** Run directories to serve; when empty, every subfolder of runsFolder holding a log.jsonl. */
  runDirs?: readonly string[];
  /** Default "runs" (relative to the working directory). */
  runsFolder?: string;
  /** Default 127.0.0.1: this machine only. */
  host?: string;
  /** Default 6006; 0 takes any free port. */
  port?: number;
  /** How often logs are polled besides being watched (default 1,000 ms). */
  pollMs?: number;
}

export interface Studio {
  /** The page's address, e.g. http://127.0.0.1:6006/ */
  url: string;
  host: string;
  port: number;
  runs: RunSource;
  close(): Promise<void>;
}

/** Request headers beyond this many bytes are refused by Node with 431. */
const MAX_HEADER_BYTES = 8 * 1024;

export async function startStudio({ runDirs = [], runsFolder: root = "runs", host = "127.0.0.1", port = 6006, pollMs }: StudioOptions = {}): Promise<Studio> {
  const runs = runDirs.length > 0 ? givenRuns(runDirs) : runsFolder(root);
  const context = { runs, assets: studioAssets(), confusion: new ConfusionMatrices(), pollMs };
  let hosts = new Set<string>();
  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req, res) => {
    handle(req, res).catch((error) => fail(res, error));
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const request = checkRequest(req, hosts);
    await route(req, res, request, context);
  }
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => reject(listenError(error, host, port)));
    server.listen(port, host, resolve);
  });
  const bound = (server.address() as AddressInfo).port;
  hosts = allowedHosts(host, bound);
  return {
    url: `http://${urlHost(reachableHost(host))}:${bound}/`,
    host,
    port: bound,
    runs,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections(); // event streams never end by themselves
    }),
  };
}

function fail(res: ServerResponse, error: unknown): void {
  const status = error instanceof HttpError ? error.status : 500;
  const message = error instanceof Error ? error.message : String(error);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  // A refused request may still be sending a body; closing the connection is simpler than reading it.
  res.writeHead(status, { ...SECURITY_HEADERS, "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", Connection: "close", ...(status === 405 ? { Allow: "GET, HEAD" } : {}) });
  res.end(`${message}\n`);
}

function listenError(error: NodeJS.ErrnoException, host: string, port: number): Error {
  if (error.code === "EADDRINUSE") return new Error(`port ${port} on ${host} is in use (another studio or TensorBoard?); pass --port 0 for any free port`);
  if (error.code === "EADDRNOTAVAIL" || error.code === "ENOTFOUND") return new Error(`cannot listen on ${host}: this machine has no such address`);
  if (error.code === "EACCES") return new Error(`not allowed to listen on port ${port} (ports below 1024 need privileges); pass --port 0 for any free port`);
  return error;
}
