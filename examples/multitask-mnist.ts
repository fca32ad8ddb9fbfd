/**
 * A multi-task net on MNIST: each digit is turned by a seeded random 0, 90, 180 or 270 degrees, so
 * every image carries two labels — its digit, and its rotation, which the digit does not decide.
 * One LeNet-5 trunk (up to its 84-d codes) feeds two heads (Linear 84→10 for the digit, 84→4 for the
 * rotation), trained on the joint loss 1·CE(digit) + 0.5·CE(rotation). Beside it, two single-task
 * nets with the same trunk and one head each, trained the same way. All three: 2 epochs of Adam
 * on the 60,000 training digits; accuracy of each task on the 10,000 test digits (turned by
 * their own seeded draws).
 *
 * Run after `npm run build`:  node dist/examples/multitask-mnist.js
 */
import { Generator, manualSeed, nn, optim } from "../src/index.js";
import { mnist, randomQuarterTurns } from "../src/data/index.js";
import { lenet5, MultiTask, type Task } from "../src/models/index.js";
import { multiTaskAccuracy, trainMultiTask } from "../src/train/index.js";

const start = performance.now();
const elapsed = () => `${((performance.now() - start) / 1000).toFixed(0)} s`;
const train = await mnist("train");
const test = await mnist("test");
const turnedTrain = randomQuarterTurns(train.x, new Generator(1));
const turnedTest = randomQuarterTurns(test.x, new Generator(2));
const trainTargets = { digit: train.y, rotation: turnedTrain.turns };
const testTargets = { digit: test.y, rotation: turnedTest.turns };

/** LeNet-5 up to its 84-d codes (the last ReLU): the trunk every net here shares the shape of. */
const trunk = () => new nn.Sequential(...[...lenet5()].slice(0, 11));
const heads: Record<string, () => Task> = {
  digit: () => ({ head: new nn.Linear(84, 10), weight: 1 }),
  rotation: () => ({ head: new nn.Linear(84, 4), weight: 0.5 }),
};
const nets: [string, string[]][] = [["joint: one trunk, two heads", ["digit", "rotation"]], ["digit only", ["digit"]], ["rotation only", ["rotation"]]];

const rows: string[] = [];
for (const [name, tasks] of nets) {
  manualSeed(3);
  const net = new MultiTask(trunk(), Object.fromEntries(tasks.map((t) => [t, heads[t]()])));
  const targets = Object.fromEntries(tasks.map((t) => [t, trainTargets[t as keyof typeof trainTargets]]));
  await trainMultiTask(net, turnedTrain.x, targets, {
    optimizer: new optim.Adam(net.parameters(), { lr: 1e-3 }), epochs: 2, seed: 4,
    onEpoch: (epoch, loss, parts) => console.log(`${name}, epoch ${epoch}: joint loss ${loss.toFixed(4)} (${tasks.map((t) => `${t} ${parts[t].toFixed(4)}`).join(", ")})  (${elapsed()})`),
  });
  const score = multiTaskAccuracy(net, turnedTest.x, Object.fromEntries(tasks.map((t) => [t, testTargets[t as keyof typeof testTargets]])));
  const cell = (t: string) => (t in score ? `${(100 * score[t]).toFixed(2)}%` : "—");
  const parameters = net.parameters().reduce((n, p) => n + p.size, 0);
  rows.push(`| ${name} | ${parameters.toLocaleString("en-US")} | ${cell("digit")} | ${cell("rotation")} |`);
}
console.log("\n| net | parameters | digit accuracy | rotation accuracy |\n| --- | ---: | ---: | ---: |");
for (const row of rows) console.log(row);
console.log(`\n(${elapsed()} in all)`);
