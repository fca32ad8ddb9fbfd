/** `strata studio [RUN_DIR…]`: start the studio and say where it is. */
import { InvalidArgumentError } from "commander";
import { isLoopback } from "./hosts.js";
import { startStudio, type Studio } from "./server.js";

export interface StudioCommandOptions {
  port: number;
  host: string;
}

/** A TCP port, or 0 for any free one. */
export function portNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError(`expected a port from 0 to 65535 (0: any free port), got "${value}"`);
  return n;
}

export async function studioCommand(runDirs: string[], { port, host }: StudioCommandOptions): Promise<Studio> {
  const studio = await startStudio({ runDirs, port, host });
  if (!isLoopback(host)) {
    console.warn(`warning: listening on ${host}, not only on this machine: anyone who can reach it on the network can read these runs (logs, settings and checkpoints). Leave out --host to keep the studio on 127.0.0.1.`);
  }
  const names = studio.runs.list().map((run) => run.name);
  console.log(`strata studio: ${studio.runs.origin} (${names.length === 0 ? "none yet" : names.join(", ")})`);
  console.log(`open ${studio.url}  (Ctrl-C stops it)`);
  return studio;
}
