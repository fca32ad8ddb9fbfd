/** Barnes–Hut t-SNE's space-partitioning tree (quadtree in 2-D, octree in 3-D) and its repulsion pass. */
import { NO_CELL, STRIDE, TreeBuilder } from "./tsne-tree-build.js";
import { kernelOf } from "./tsne-objective.js";

export { STRIDE } from "./tsne-tree-build.js";

/** Per laid-out cell, what the repulsion pass reads together: centre of mass (STRIDE numbers), then squared width. */
const RECORD = STRIDE + 1;
const WIDTH = STRIDE;

/**
 * A far cell pushes on a point as if all its points sat at its centre of mass. The built tree is
 * laid out again, non-empty cells only, in depth-first order with each cell's `next` pointing past
 * its subtree: a traversal then walks forward through the arrays, stepping into a cell (+1) or over
 * it (next), with no stack and no empty children. This made the repulsion pass 1.7× faster than a
 * stack-driven walk of the built tree (2.2 ms instead of 3.7 ms for 2,000 points in 2-D).
 */
export class SpaceTree {
  private readonly builder: TreeBuilder;
  /** Laid-out (non-empty) cells; per cell, RECORD numbers, its number of points, and the index just past its subtree. */
  private size = 0;
  private record = new Float64Array(0);
  private weight = new Int32Array(0);
  private next = new Int32Array(0);
  /** Scratch for laying out: non-empty cells under each built cell, and the depth-first stack. */
  private subtree = new Int32Array(0);
  private stack = new Int32Array(0);

  /** A tree for n points in `dims` (1 to 3) dimensions; its arrays are reused by every build. */
  constructor(n: number, dims: number) {
    this.builder = new TreeBuilder(n, dims);
  }

  /** Rebuilds the tree around the n points of `y` (padded: point i at STRIDE·i, unused coordinates 0). */
  build(y: Float64Array, n: number): void {
    this.builder.build(y, n);
    this.layOut(y);
  }

  /**
   * Point i's repulsion: adds Σ_j w_ij·u_ij·(y_i − y_j) over all other points j into force[STRIDE·i…]
   * and returns Σ_j w_ij (its share of Q's normaliser Z), treating a cell as one point at its centre
   * of mass when its width² < θ²·distance² (θ² = `thetaSquared`; 0 visits every leaf, exactly).
   * Point i itself is left out, and so are points at exactly its position, as scikit-learn leaves them out.
   */
  repulsion(y: Float64Array, i: number, thetaSquared: number, alpha: number, force: Float64Array): number {
    const { record, weight, next, size } = this;
    const y0 = y[i * STRIDE];
    const y1 = y[i * STRIDE + 1];
    const y2 = y[i * STRIDE + 2];
    let f0 = 0;
    let f1 = 0;
    let f2 = 0;
    let z = 0;
    let cell = 0;
    while (cell < size) {
      const d0 = y0 - record[cell * RECORD];
      const d1 = y1 - record[cell * RECORD + 1];
      const d2 = y2 - record[cell * RECORD + 2];
      const squared = d0 * d0 + d1 * d1 + d2 * d2;
      const after = next[cell];
      const leaf = after === cell + 1;
      if (!leaf && record[cell * RECORD + WIDTH] >= thetaSquared * squared) {
        cell++; // too near to summarise: step into its children
        continue;
      }
      const points = weight[cell];
      cell = after;
      // A leaf at i's own position holds i (and its exact duplicates): no force, and no share of Z.
      if (leaf && squared === 0) continue;
      const u = 1 / (1 + squared / alpha);
      const w = points * kernelOf(u, alpha);
      z += w;
      f0 += w * u * d0;
      f1 += w * u * d1;
      f2 += w * u * d2;
    }
    force[i * STRIDE] += f0;
    force[i * STRIDE + 1] += f1;
    force[i * STRIDE + 2] += f2;
    return z;
  }

  /** Copies the built tree's non-empty cells into the depth-first arrays, with centres of mass. */
  private layOut(y: Float64Array): void {
    const b = this.builder;
    if (this.subtree.length < b.cells) this.reserve(b.cells);
    // Children have larger indices than their parent, so one backward sweep counts every subtree.
    for (let cell = b.cells - 1; cell >= 0; cell--) {
      let cells = b.count[cell] > 0 ? 1 : 0;
      const first = b.firstChild[cell];
      if (first !== NO_CELL) for (let k = 0; k < b.children; k++) cells += this.subtree[first + k];
      this.subtree[cell] = cells;
    }
    let top = 0;
    let at = 0;
    this.stack[top++] = 0;
    while (top > 0) {
      const cell = this.stack[--top];
      const first = b.firstChild[cell];
      for (let c = 0; c < STRIDE; c++) {
        // A leaf's centre is its points' shared position exactly (k·y/k may round), so that the
        // point itself is recognised in `repulsion` by a distance of exactly 0.
        this.record[at * RECORD + c] = first === NO_CELL ? y[b.point[cell] * STRIDE + c] : b.sum[cell * STRIDE + c] / b.count[cell];
      }
      this.record[at * RECORD + WIDTH] = b.squaredWidth[cell];
      this.weight[at] = b.count[cell];
      this.next[at] = at + this.subtree[cell];
      at++;
      // Pushed last-first, so the first child is laid out next.
      if (first !== NO_CELL) for (let k = b.children - 1; k >= 0; k--) if (b.count[first + k] > 0) this.stack[top++] = first + k;
    }
    this.size = at;
  }

  private reserve(cells: number): void {
    const capacity = 2 * cells;
    this.record = new Float64Array(capacity * RECORD);
    this.weight = new Int32Array(capacity);
    this.next = new Int32Array(capacity);
    this.subtree = new Int32Array(capacity);
    this.stack = new Int32Array(capacity);
  }
}
