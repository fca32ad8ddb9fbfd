/**
 * What every request must pass before it is routed: GET or HEAD, small, no body, addressed to the
 * host the studio listens on (the defence against DNS rebinding: a page on evil.example whose name
 * is made to resolve to 127.0.0.1 still sends "Host: evil.example"), and a path with nothing in it
 * that could climb out of a folder.
 */
import type { IncomingMessage } from "node:http";
import { HttpError } from "./http-error.js";

/** Longest request target accepted (headers as a whole are capped by the server's maxHeaderSize). */
export const MAX_URL_LENGTH = 2048;

export interface CheckedRequest {
  /** The path's segments, percent-decoded ([] for "/"). */
  segments: string[];
  query: URLSearchParams;
}

export function checkRequest(req: IncomingMessage, allowedHosts: ReadonlySet<string>): CheckedRequest {
  const url = req.url ?? "";
  if (url.length > MAX_URL_LENGTH) throw new HttpError(414, `the URL is ${url.length} characters long; the studio takes at most ${MAX_URL_LENGTH}`);
  if (req.method !== "GET" && req.method !== "HEAD") throw new HttpError(405, `${req.method} is not allowed: the studio only answers GET and HEAD`);
  if (req.headers["transfer-encoding"] !== undefined || Number(req.headers["content-length"] ?? 0) !== 0) {
    throw new HttpError(413, "the studio takes no request bodies");
  }
  const host = req.headers.host?.toLowerCase();
  if (host === undefined || !allowedHosts.has(host)) {
    // Not listing the addresses it does answer: when it listens on every interface they are the machine's own.
    throw new HttpError(421, `the Host header ${JSON.stringify(host ?? null)} is not an address this studio answers to; open it at the address \`strata studio\` printed`);
  }
  if (!url.startsWith("/")) throw new HttpError(400, "the request target must be a path starting with /");
  const queryAt = url.indexOf("?");
  const path = queryAt < 0 ? url : url.slice(0, queryAt);
  return { segments: pathSegments(path), query: new URLSearchParams(queryAt < 0 ? "" : url.slice(queryAt + 1)) };
}

/** The decoded segments of path; any segment that is "." or "..", or hides a slash, backslash or NUL, is refused. */
function pathSegments(path: string): string[] {
  if (path.includes("\\")) throw new HttpError(400, "backslashes are not allowed in paths");
  const raw = path.slice(1).split("/");
  if (raw.at(-1) === "") raw.pop(); // "/" and a trailing slash
  return raw.map((segment) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      throw new HttpError(400, `the path segment ${JSON.stringify(segment)} is not valid percent-encoding`);
    }
    if (decoded === "" || decoded === "." || decoded === "..") throw new HttpError(400, `the path may not hold an empty, "." or ".." segment`);
    if (/[/\\\0]/.test(decoded)) throw new HttpError(400, `the path segment ${JSON.stringify(segment)} hides a slash, backslash or NUL`);
    return decoded;
  });
}
