/** What a first-step page (first-step-*.ts) leaves for the bench: when, after its navigation began, its first training step ended. */
export function stepDone(): void {
  (globalThis as { __firstStep?: number }).__firstStep = performance.now();
}
