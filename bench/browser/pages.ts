/**
 * Driving the browser bench's pages in Chromium: a job in a page's worker (its result), and a page
 * loaded cold (a fresh context: no cache) with what it downloaded, each file's size gzipped.
 */
import { gzipSync } from "node:zlib";
import type { Browser } from "playwright-core";
import type { StaticServer } from "../../test/browser/static-server.js";

/** Runs a job (bench.html?job=NAME&…) to its end, its progress lines passed on to stderr. */
export async function runJobPage<T>(browser: Browser, server: StaticServer, query: Record<string, string>): Promise<T> {
  const page = await browser.newPage();
  page.on("console", (message) => console.error(`  ${message.text()}`));
  try {
    await page.goto(`${server.url}/bench.html?${new URLSearchParams(query)}`);
    await page.waitForFunction(() => (globalThis as { __result?: unknown }).__result !== undefined, undefined, { timeout: 0, polling: 500 });
    const result = (await page.evaluate(() => (globalThis as { __result?: unknown }).__result)) as T & { error?: string };
    if (result.error) throw new Error(result.error);
    return result;
  } finally {
    await page.close();
  }
}

export interface Download {
  path: string;
  /** Its size gzipped by zlib at the default level, as a server compressing on the fly would send it. */
  gzipBytes: number;
}

/**
 * Opens `url` in a fresh context and waits until the expression `until` (evaluated in the page)
 * gives a number: returns it, and every response the page had by then.
 */
export async function loadCold(browser: Browser, url: string, until: string): Promise<{ value: number; downloads: Download[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const downloads: Promise<Download>[] = [];
  page.on("response", (response) => {
    const path = new URL(response.url()).pathname;
    downloads.push(response.body().then(
      (body) => ({ path, gzipBytes: gzipSync(body).length }),
      // Chromium's inspector keeps no body of more than about 10 MB (MNIST's training images),
      // which the example's server sends gzipped already: take its size on the wire
      async () => ({ path, gzipBytes: (await response.request().sizes()).responseBodySize }),
    ));
  });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  try {
    await page.goto(url);
    await page.waitForFunction(until, undefined, { timeout: 120_000 }).catch((error: Error) => {
      throw new Error(`${url}: ${errors.join("; ") || error.message}`);
    });
    const value = (await page.evaluate(until)) as number;
    return { value, downloads: await Promise.all(downloads) };
  } finally {
    await context.close();
  }
}
