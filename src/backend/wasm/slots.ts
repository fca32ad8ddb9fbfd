/**
 * A job's argument slots as the array ThreadPool.args writes, from values named by the job's slot
 * enum (layout/*.ts): a Record over the enum, so leaving a slot out does not compile.
 */
export function slotValues<Slot extends number>(values: Record<Slot, number>): number[] {
  const args: number[] = [];
  for (const [slot, value] of Object.entries(values)) args[Number(slot)] = value as number;
  return args;
}
