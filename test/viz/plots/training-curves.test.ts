import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { trainingCurves } from "../../../src/viz/plots/index.js";
import { assertNear, assertWellFormed, axisMap, elements, pathPieces } from "./svg-check.js";
import { syntheticLog } from "./synthetic-logs.js";

describe("trainingCurves", () => {
  it("draws train solid and validation dashed in one colour, and the accuracy in percent", () => {
    const log = syntheticLog(6, 0.99, 0.8);
    const { loss, accuracy, gap } = trainingCurves([{ name: "lenet", records: log }]);
    assertWellFormed(loss);
    const [train, validation] = elements(loss, "path", "series");
    assert.equal(train.attrs.stroke, validation.attrs.stroke);
    assert.equal(train.attrs["stroke-dasharray"], undefined);
    assert.ok(validation.attrs["stroke-dasharray"]);
    assert.equal(elements(loss, "text", "y-label")[0].text, "loss");
    const y = axisMap(loss, "y");
    pathPieces(validation.attrs.d)[0].forEach(([, py], i) => assertNear(py, y(log[i].valLoss as number), `valLoss at epoch ${i + 1}`));

    assert.ok(accuracy);
    assertWellFormed(accuracy);
    const yAcc = axisMap(accuracy, "y");
    const lastTrain = pathPieces(elements(accuracy, "path", "series")[0].attrs.d)[0].at(-1) as [number, number];
    assertNear(lastTrain[1], yAcc(99), "the last training accuracy at 99 (%)");
    assert.equal(gap.length, 1);
    assert.equal(gap[0].verdict, "overfitting");
  });

  it("marks the gap on the accuracy chart, with the verdict", () => {
    const { accuracy } = trainingCurves([{ name: "lenet", records: syntheticLog(6, 0.99, 0.8) }]);
    const y = axisMap(accuracy as string, "y");
    const bracket = elements(accuracy as string, "g", "gap")[0];
    const [, , from, , to] = /M(-?[\d.]+),(-?[\d.]+)H(-?[\d.]+)V(-?[\d.]+)/.exec(bracket.text) ?? [];
    assertNear(Number(from), y(99), "from training accuracy");
    assertNear(Number(to), y(80), "to validation accuracy");
    assert.match(bracket.text, /19.0 pts/);
    assert.match(elements(accuracy as string, "g", "note")[0].text, /overfitting/);
  });

  it("gives each run its own colour and names the runs in the legend", () => {
    const runs = [
      { name: "wide", records: syntheticLog(5, 0.99, 0.8) },
      { name: "narrow", records: syntheticLog(5, 0.7, 0.695) },
    ];
    const { loss, accuracy, gap } = trainingCurves(runs);
    const strokes = elements(loss, "path", "series").map((p) => p.attrs.stroke);
    assert.equal(strokes.length, 4);
    assert.equal(strokes[0], strokes[1]);
    assert.equal(strokes[2], strokes[3]);
    assert.notEqual(strokes[0], strokes[2]);
    assert.match(elements(loss, "g", "legend")[0].text, /wide train.*wide validation.*narrow train.*narrow validation/);
    assert.deepEqual(gap.map((d) => [d.run, d.verdict]), [["wide", "overfitting"], ["narrow", "underfitting"]]);
    assert.match(elements(accuracy as string, "g", "note")[0].text, /wide: overfitting.*narrow: underfitting/);
  });

  it("plots the keys it is told, and has no accuracy chart for logs without accuracy", () => {
    const charRnn = [1, 2, 3].map((epoch) => ({ epoch, trainBits: 3 - epoch * 0.5, valBits: 3.1 - epoch * 0.45, valPerplexity: 5 }));
    const curves = trainingCurves([{ name: "char-rnn", records: charRnn }], { loss: { train: "trainBits", validation: "valBits" } });
    assert.equal(curves.accuracy, null);
    assert.deepEqual(curves.gap, []);
    assert.equal(elements(curves.loss, "path", "series").length, 2);
    assert.equal(elements(curves.loss, "text", "y-label")[0].text, "bits");
    assert.throws(() => trainingCurves([{ name: "char-rnn", records: charRnn }]), /no record has a number under "trainLoss"; the records have the fields epoch, trainBits, valBits, valPerplexity/);
  });

  it("draws only the training curve when validation is absent", () => {
    const records = syntheticLog(4, 0.9, 0.8).map(({ valLoss, valAccuracy, ...rest }) => rest);
    const { loss, accuracy, gap } = trainingCurves([{ name: "run", records }]);
    assert.equal(elements(loss, "path", "series").length, 1);
    assert.equal(elements(accuracy as string, "path", "series").length, 1);
    assert.deepEqual(gap, []);
  });

  it("says what is wrong with its input", () => {
    assert.throws(() => trainingCurves([]), /trainingCurves: runs is empty/);
    assert.throws(() => trainingCurves([{ name: "r", records: [] }]), /run "r" records is empty/);
  });
});
