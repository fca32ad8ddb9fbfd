import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { diagnoseGap, NEAR_PERFECT_TRAIN_ACCURACY, NO_GAP, OVERFITTING_GAP, VAL_LOSS_RISE_EPOCHS } from "../../../src/viz/plots/index.js";
import { syntheticLog } from "./synthetic-logs.js";

describe("diagnoseGap", () => {
  it("reads a big train–validation gap as overfitting", () => {
    const d = diagnoseGap("big", syntheticLog(10, 0.99, 0.8));
    assert.ok(d);
    assert.equal(d.verdict, "overfitting");
    assert.equal(d.epoch, 10);
    assert.equal(d.trainAccuracy, 0.99);
    assert.equal(d.valAccuracy, 0.8);
    assert.ok(Math.abs(d.gap - 0.19) < 1e-12);
    assert.match(d.advice, /gap of 19.0 points: regularise more .* more data, or stop earlier/);
  });

  it("reads no gap below near-perfect training accuracy as underfitting", () => {
    const d = diagnoseGap("small", syntheticLog(10, 0.62, 0.615));
    assert.equal(d?.verdict, "underfitting");
    assert.match(d?.advice ?? "", /more capacity/);
  });

  it("reads a moderate gap as healthy", () => {
    const d = diagnoseGap("fine", syntheticLog(10, 0.95, 0.92));
    assert.equal(d?.verdict, "healthy");
    assert.equal(d?.valLossRisingSince, null);
  });

  it("reads no gap at near-perfect training accuracy as healthy: there is nothing left to fit", () => {
    assert.ok(0.995 >= NEAR_PERFECT_TRAIN_ACCURACY && 0.995 - 0.99 <= NO_GAP);
    assert.equal(diagnoseGap("lenet", syntheticLog(10, 0.995, 0.99))?.verdict, "healthy");
  });

  it("puts the boundaries at the named thresholds", () => {
    assert.equal(diagnoseGap("a", syntheticLog(4, 0.9, 0.9 - OVERFITTING_GAP))?.verdict, "overfitting");
    assert.equal(diagnoseGap("b", syntheticLog(4, 0.9, 0.9 - OVERFITTING_GAP + 0.001))?.verdict, "healthy");
    assert.equal(diagnoseGap("c", syntheticLog(4, 0.9, 0.9 - NO_GAP + 0.0001))?.verdict, "underfitting");
  });

  it("flags validation loss rising for two epochs after its minimum as overfitting", () => {
    const rising = diagnoseGap("late", syntheticLog(10, 0.95, 0.92, 10 - VAL_LOSS_RISE_EPOCHS));
    assert.equal(rising?.verdict, "overfitting");
    assert.equal(rising?.valLossRisingSince, 8);
    assert.match(rising?.advice ?? "", /validation loss lowest at epoch 8 and rising since/);
    const once = diagnoseGap("noise", syntheticLog(10, 0.95, 0.92, 9));
    assert.equal(once?.verdict, "healthy", "one epoch up is noise");
  });

  it("reads the last epoch that has both accuracies, with the keys it is given", () => {
    const log = syntheticLog(5, 0.9, 0.7).map((r, i) => ({ step: (i + 1) * 100, acc: r.trainAccuracy, valAcc: i === 4 ? undefined : r.valAccuracy }));
    const d = diagnoseGap("custom", log, { epoch: "step", trainAccuracy: "acc", valAccuracy: "valAcc", valLoss: "none" });
    assert.equal(d?.epoch, 400);
    assert.equal(diagnoseGap("no validation", [{ epoch: 1, trainAccuracy: 0.5 }]), null);
  });

  it("says when accuracies are not fractions", () => {
    assert.throws(() => diagnoseGap("pct", [{ epoch: 1, trainAccuracy: 95, valAccuracy: 90 }]), /run "pct" has trainAccuracy = 95; accuracies are expected as fractions between 0 and 1/);
  });
});
