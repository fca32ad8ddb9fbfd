/**
 * Real-browser tests: Debian's Chromium (`apt-get install -y chromium`) driven by playwright-core,
 * never a downloaded browser. Under CI=true a missing browser fails the run; elsewhere the browser
 * tests are skipped with a message saying how to run them.
 */
import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";

const EXECUTABLE = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Why the browser tests cannot run here, or null when they can. */
export function browserMissing(): string | null {
  if (existsSync(EXECUTABLE)) return null;
  const reason = `no Chromium at ${EXECUTABLE} (apt-get install -y chromium, or set CHROMIUM_PATH)`;
  if (process.env.CI === "true") throw new Error(`browser tests: ${reason}; under CI=true they must run`);
  return reason;
}

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: EXECUTABLE, args: ["--no-sandbox"] });
}

/** A new page that records console errors and uncaught exceptions, for the test to assert none. */
export async function pageWithErrors(browser: Browser): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("console", (message) => {
    // the text of a failed load does not say what failed: its location does
    if (message.type() === "error") errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => errors.push(String(error)));
  return { page, errors };
}
