/** Which statements a trained MemN2N read: each hop's most attended memory slots for one question. */
import type { BabiBatch } from "../data/index.js";
import type { Tensor } from "../tensor/index.js";

export interface AttendedStatement {
  /** The statement's index in the sample's story, or −1 for an empty (inserted) slot. */
  storyIndex: number;
  /** p_i of that slot. */
  weight: number;
}

/** Per hop, the `top` slots of sample `row` with the largest attention, largest first (padding slots skipped). */
export function topAttention(attention: readonly Tensor[], batch: BabiBatch, row: number, top = 3): AttendedStatement[][] {
  const [n, slots] = batch.memoryMask.shape;
  if (!Number.isInteger(row) || row < 0 || row >= n) throw new RangeError(`topAttention: row ${row} is out of range for a batch of ${n} questions`);
  return attention.map((p) => {
    const weights = p.values.subarray(row * slots, (row + 1) * slots);
    const used = Array.from({ length: slots }, (_, i) => i).filter((i) => batch.memoryMask.values[row * slots + i] === 1);
    return used
      .sort((a, b) => weights[b] - weights[a])
      .slice(0, top)
      .map((i) => ({ storyIndex: batch.storyIndex[row][i], weight: weights[i] }));
  });
}
