// Writes the 20 generated bAbI tasks as bAbI files, qaN_train.txt (seed 1) and qaN_test.txt (seed 2),
// 1,000 questions each as generatedBabiSplits draws them, into the directory given (after the build):
//   node scripts/babi-files.mjs /tmp/babi [questions]
import { mkdirSync, writeFileSync } from "node:fs";
import { GENERATED_BABI_TASKS, generateBabi } from "../dist/src/data/index.js";

const [dir, size = "1000"] = process.argv.slice(2);
if (!dir) throw new Error("usage: node scripts/babi-files.mjs DIR [questions]");
mkdirSync(dir, { recursive: true });
for (const task of GENERATED_BABI_TASKS) {
  for (const [split, seed] of [["train", 1], ["test", 2]]) writeFileSync(`${dir}/qa${task}_${split}.txt`, generateBabi(task, { questions: Number(size), seed }));
}
