#!/usr/bin/env node
/**
 * The `strata` command's entry point. The CLI's own packages (commander; uplot for the studio) are
 * optional for a library user, so a missing one is named here with the command that installs it,
 * instead of Node's stack trace.
 */
try {
  await import("./main.js");
} catch (error) {
  const missing = /Cannot find (?:package|module) '([^'/]+(?:\/[^'/]+)?)'/.exec((error as Error)?.message ?? "");
  if ((error as { code?: string })?.code !== "ERR_MODULE_NOT_FOUND" || !missing || missing[1].startsWith(".")) throw error;
  console.error(`strata: the command needs the npm package "${missing[1]}", which is not installed: run \`npm install ${missing[1]}\``);
  process.exit(1);
}
