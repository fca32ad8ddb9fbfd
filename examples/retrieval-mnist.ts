/**
 * "CNN codes" for retrieval on MNIST: a LeNet-5 is trained for 2 epochs on the 60,000 training
 * digits; then each of the 10,000 test digits is a query, and the other 9,999 test digits are its
 * gallery, ranked by the cosine similarity of their features. A neighbour is relevant when it
 * shows the same digit. Printed: precision@10 and mean average precision (over the whole ranking)
 * for raw pixels and for the codes of three layers; pictured: 8 queries (the first 4 test digits,
 * and the 4 whose 10 nearest hold the most wrong digits) and their 10 nearest by the 84-d codes,
 * wrong digits framed red.
 *
 * Run after `npm run build`:  node dist/examples/retrieval-mnist.js [picture, default retrieval.png]
 */
import { manualSeed, nn, optim, tensor, type Tensor } from "../src/index.js";
import { DataLoader, mnist } from "../src/data/index.js";
import { lenet5 } from "../src/models/index.js";
import { cosineRetrieval, evaluate, fit } from "../src/train/index.js";
import { extractFeatures, retrievalGrid, writePng } from "../src/viz/index.node.js";

const picture = process.argv[2] ?? "retrieval.png";
const start = performance.now();
const elapsed = () => `${((performance.now() - start) / 1000).toFixed(0)} s`;
manualSeed(1);
const train = await mnist("train");
const test = await mnist("test");
const net = lenet5();
await fit({ model: net, optimizer: new optim.Adam(net.parameters(), { lr: 1e-3 }), loss: nn.functional.crossEntropy, train: new DataLoader(train, { batchSize: 64, shuffle: true, seed: 2 }), epochs: 2, progress: false, print: () => {} });
console.log(`LeNet-5 trained: ${(100 * evaluate(net, [{ x: test.x, y: test.y }]).accuracy).toFixed(2)}% test accuracy  (${elapsed()})`);

const labels = test.y.values;
const representations: [string, Tensor][] = [
  ["raw pixels", test.x.reshape([test.x.shape[0], -1])],
  ["conv2 after pooling (layer 5)", extractFeatures(net, test.x, "5")],
  ["fc1 after ReLU (layer 8)", extractFeatures(net, test.x, "8")],
  ["fc2 after ReLU (layer 10)", extractFeatures(net, test.x, "10")],
];
console.log("\n| features | size | precision@10 | mAP |\n| --- | ---: | ---: | ---: |");
let shown: Int32Array | undefined;
for (const [name, features] of representations) {
  const result = cosineRetrieval({ features, labels });
  console.log(`| ${name} | ${features.shape[1]} | ${(100 * result.precisionAtK).toFixed(2)}% | ${(100 * result.meanAveragePrecision).toFixed(2)}% |`);
  shown = result.neighbours;
}
console.log(`\n(${elapsed()})`);

// the first 4 test digits, and the 4 with the most wrong digits among their 10 nearest, by the last representation (the 84-d codes)
const k = 10;
const wrongOf = (query: number) => Array.from(shown!.subarray(query * k, (query + 1) * k), (g) => labels[g] !== labels[query]);
const wrongCount = (query: number) => wrongOf(query).filter(Boolean).length;
const hardest = Array.from({ length: labels.length }, (_, i) => i).sort((a, b) => wrongCount(b) - wrongCount(a) || a - b).slice(0, 4);
const queries = [0, 1, 2, 3, ...hardest];
console.log(`shown: test digits ${queries.join(", ")} (the last four with ${hardest.map(wrongCount).join(", ")} wrong of their 10 nearest)`);
const nearest = Int32Array.from(queries.flatMap((q) => [...shown!.subarray(q * k, (q + 1) * k)]));
const neighbourImages = test.x.indexSelect(0, tensor(nearest)).reshape([queries.length, k, 1, 28, 28]);
await writePng(picture, retrievalGrid(test.x.indexSelect(0, tensor(Int32Array.from(queries))), neighbourImages, queries.flatMap(wrongOf)));
console.log(`picture: ${picture}`);
