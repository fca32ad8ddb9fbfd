/**
 * The browser example (examples/browser) in Chromium, built and served by its own build.mjs and
 * serve.mjs: it loads without a console error, trains LeNet-5 on MNIST in its worker (the loss
 * falls within 50 steps; held-out digits tested every 100) on the wasm backend — a thread per core when the page is cross-origin
 * isolated, one when not — with its memory bounded, and with trained weights it reads real MNIST
 * test digits put on its drawing pad at other sizes and places, and a "1" drawn with the mouse.
 * With STRATA_SCREENSHOTS=1 it saves screenshots of the page to docs/images/browser/.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { mnist } from "../../src/data/index.js";
import { browserMissing, launch, pageWithErrors } from "./chromium.js";
import { REPO_ROOT } from "./static-server.js";

const EXAMPLE = join(REPO_ROOT, "examples", "browser");
const WEIGHTS = join(REPO_ROOT, "test", "fixtures", "viz", "lenet5-mnist.safetensors");
const SCREENSHOTS = process.env.STRATA_SCREENSHOTS === "1" ? join(REPO_ROOT, "docs", "images", "browser") : null;
const MiB = 2 ** 20;

interface ExampleServer {
  url: string;
  close(): Promise<void>;
}
type ServeExample = (options: { port: number; isolated: boolean; weights: string | null }) => Promise<ExampleServer>;

/** What the page keeps in `strataExample` (examples/browser/main.ts). */
interface ExampleState {
  ready: boolean;
  error: string | null;
  info: { backend: string; threads: number; threadsRunning: number; why: string; memoryBytes: number } | null;
  losses: number[];
  memoryBytes: number[];
  tests: { step: number; accuracy: number }[];
}
type Guess = { digit: number; probability: number };

const state = (page: Page) => page.evaluate(() => (globalThis as unknown as { strataExample: ExampleState }).strataExample);
/** Until the page has heard of `steps` training steps and `tests` tests on the held-out slice (which come after their step's batch). */
const untilSteps = (page: Page, steps: number, tests = 0) =>
  page.waitForFunction(([n, t]) => {
    const s = (globalThis as unknown as { strataExample: ExampleState }).strataExample;
    return (s.losses.length >= n && s.tests.length >= t) || s.error !== null;
  }, [steps, tests], { timeout: 60_000 });
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** Draws on the pad with the mouse: each stroke a list of points in pad pixels (the pad is 280 × 280). */
async function drawStrokes(page: Page, strokes: [number, number][][]): Promise<void> {
  const pad = (await page.locator("#pad").boundingBox())!;
  for (const [start, ...rest] of strokes) {
    await page.mouse.move(pad.x + start[0], pad.y + start[1]);
    await page.mouse.down();
    for (const [x, y] of rest) await page.mouse.move(pad.x + x, pad.y + y, { steps: 8 });
    await page.mouse.up();
  }
}

describe("the browser example in Chromium", { skip: browserMissing() ?? false }, () => {
  let browser: Browser;
  let isolated: ExampleServer;
  let notIsolated: ExampleServer;

  before(async () => {
    const built = spawnSync(process.execPath, [join(EXAMPLE, "build.mjs")], { encoding: "utf8" });
    assert.equal(built.status, 0, `examples/browser/build.mjs failed:\n${built.stdout}${built.stderr}`);
    const { serveExample } = (await import(pathToFileURL(join(EXAMPLE, "serve.mjs")).href)) as { serveExample: ServeExample };
    isolated = await serveExample({ port: 0, isolated: true, weights: WEIGHTS });
    notIsolated = await serveExample({ port: 0, isolated: false, weights: null });
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await isolated?.close();
    await notIsolated?.close();
  });

  /** The example, opened and loaded (MNIST, and the weights if asked): its page and console errors. */
  async function open(server: ExampleServer, query = ""): Promise<{ page: Page; errors: string[] }> {
    const { page, errors } = await pageWithErrors(browser);
    await page.setViewportSize({ width: 1200, height: 960 });
    await page.goto(server.url + query);
    await page.waitForFunction(() => {
      const s = (globalThis as unknown as { strataExample?: ExampleState }).strataExample;
      return s?.ready || s?.error;
    }, undefined, { timeout: 30_000 });
    assert.equal((await state(page)).error, null);
    return { page, errors };
  }

  test("isolated: trains on the wasm backend with a thread per core; 50 steps lower the loss; memory stays bounded", async (t) => {
    const { page, errors } = await open(isolated);
    await page.click("#toggle");
    await untilSteps(page, 50);
    const { info, losses, memoryBytes, error } = await state(page);
    assert.equal(error, null);
    assert.ok(info, "the page got no backend info");
    assert.equal(info.backend, "wasm");
    assert.ok(info.threads >= 2, `expected a thread per core: ${info.threads} (${info.why})`);
    const [first, last] = [mean(losses.slice(0, 5)), mean(losses.slice(45, 50))];
    assert.ok(last < first - 0.1, `the mean batch loss went from ${first.toFixed(3)} (steps 1–5) to ${last.toFixed(3)} (steps 46–50)`);

    await untilSteps(page, 500, 5);
    if (SCREENSHOTS) {
      // mid-training, with a 7 on the pad: the guesses of a network 500 steps old
      await drawStrokes(page, [[[70, 60], [215, 60], [120, 235]]]);
      await page.waitForSelector("#guesses li");
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, "training.png"), fullPage: true });
    }
    await page.click("#toggle");
    const { memoryBytes: memoryAfter, tests } = await state(page);
    const after500 = memoryAfter[499];
    assert.deepEqual(tests.slice(0, 5).map((r) => r.step), [100, 200, 300, 400, 500], "tested on the held-out slice every 100 steps");
    assert.ok(tests[4].accuracy > 0.9, `${(100 * tests[4].accuracy).toFixed(1)}% of the held-out digits right after 500 steps`);
    t.diagnostic(`kernel memory: ${memoryBytes[49] / MiB} MiB after 50 steps, ${after500 / MiB} MiB after 500; ` +
      `held-out accuracy ${tests.map((r) => `${(100 * r.accuracy).toFixed(1)}%`).join(", ")}`);
    // a sanity bound: twice the resident limit where no collection can be forced (backend/wasm/heap.ts);
    // library.test.ts checks the limit itself
    assert.ok(after500 <= 256 * MiB, `the kernel memory grew to ${after500 / MiB} MiB in 500 steps`);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("not isolated: one thread, and the page says why", async () => {
    const { page, errors } = await open(notIsolated);
    const { info } = await state(page);
    assert.ok(info, "the page got no backend info");
    assert.equal(info.backend, "wasm");
    assert.equal(info.threads, 1);
    assert.match(info.why, /not cross-origin isolated/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("with trained weights, reads MNIST test digits put on the pad at other sizes and places, and a 1 drawn with the mouse", async (t) => {
    const { page, errors } = await open(isolated, "?weights=weights.safetensors");
    const test = await mnist("test", { limit: 10 });
    let right = 0;
    const misread: string[] = [];
    for (let i = 0; i < 10; i++) {
      await page.click("#clear");
      // from 110 to 272 pixels wide, anywhere on the 280-pixel pad: the page must crop, scale and centre it
      const size = 110 + 18 * i;
      const place = { left: (37 * i) % (281 - size), top: (53 * i) % (281 - size), size };
      const pixels = Array.from(test.x.values.subarray(784 * i, 784 * (i + 1)));
      const guesses = await page.evaluate(({ pixels, left, top, size }) => {
        const digit = new ImageData(28, 28);
        pixels.forEach((v, p) => digit.data.set([255 * v, 255 * v, 255 * v, 255], 4 * p));
        const small = new OffscreenCanvas(28, 28);
        small.getContext("2d")!.putImageData(digit, 0, 0);
        const pad = document.getElementById("pad") as HTMLCanvasElement;
        pad.getContext("2d")!.drawImage(small, left, top, size, size);
        return (globalThis as unknown as { strataExample: { classify(): Promise<Guess[]> } }).strataExample.classify();
      }, { pixels, ...place });
      const label = test.y.values[i];
      if (guesses[0].digit === label) right++;
      else misread.push(`test digit ${i} (a ${label}, ${size} px): read as ${guesses.map((g) => `${g.digit} ${(100 * g.probability).toFixed(0)}%`).join(", ")}`);
    }
    t.diagnostic(`${right} of 10 test digits read right${misread.length ? `; ${misread.join("; ")}` : ""}`);
    assert.ok(right >= 9, `${right} of 10 read right; ${misread.join("; ")}`);

    await page.click("#clear");
    await drawStrokes(page, [[[150, 50], [138, 235]]]);
    await page.waitForFunction(() => document.querySelector("#guesses li .digit")?.textContent === "1", undefined, { timeout: 5_000 });
    if (SCREENSHOTS) await page.locator(".draw-card").screenshot({ path: join(SCREENSHOTS, "draw.png") });
    assert.deepEqual(errors, []);
    await page.close();
  });
});
