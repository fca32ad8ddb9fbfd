/** Runs a command function with console.log captured, for tests that read what it prints. */
export async function captureLog(run: () => Promise<void>): Promise<string> {
  const lines: string[] = [];
  const original = console.log;
  console.log = (...args: unknown[]) => void lines.push(args.join(" "));
  try {
    await run();
  } finally {
    console.log = original;
  }
  return lines.join("\n");
}
