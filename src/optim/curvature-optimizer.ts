/** The base of the optimisers that scale each weight's step by its curvature (SDLM, vSGD). */
import { enableGrad } from "../autograd/index.js";
import { defaultGenerator, Tensor, type Generator } from "../tensor/index.js";
import { diagonalCurvature } from "./curvature.js";
import { Optimizer, type BaseHyperParams } from "./optimizer.js";

/**
 * step() measures the diagonal curvature (curvature.ts) of every parameter with a gradient, then
 * updates each as the subclass's rule says, reading it with curvatureOf(). The gradients must carry
 * their graph: `loss.backward(undefined, { createGraph: true })` before step().
 */
export abstract class CurvatureOptimizer<H extends BaseHyperParams> extends Optimizer<H> {
  /** Where the random signs of the curvature estimate come from. */
  generator: Generator = defaultGenerator;
  private curvature = new Map<Tensor, Float64Array>();

  override step(closure?: () => Tensor | number): number | undefined {
    const loss = closure ? enableGrad(closure) : undefined;
    const params = this.paramGroups.flatMap((g) => g.params).filter((p) => p.grad);
    const curvature = diagonalCurvature(this.name, params, this.generator);
    this.curvature = new Map(params.map((p, i) => [p, curvature[i]]));
    super.step();
    this.curvature.clear();
    return loss instanceof Tensor ? loss.itemSync() : loss;
  }

  /** |∂²E/∂wᵢ²| estimated for each entry of param, this step. */
  protected curvatureOf(param: Tensor): Float64Array {
    return this.curvature.get(param)!;
  }
}
