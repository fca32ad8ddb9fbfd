/** Building Barnes–Hut t-SNE's space-partitioning tree: points inserted one by one, a full leaf splitting in 2^dims. */

/**
 * Points are read padded to 3 coordinates (point i at 3i, unused coordinates 0), and the cells'
 * vectors use the same stride, so that the traversal in tsne-tree.ts is one loop-free code path
 * for 1, 2 and 3 dimensions.
 */
export const STRIDE = 3;
export const NO_CELL = -1;
/**
 * Below this depth points are never told apart; deeper ones share a leaf, whose centre is then
 * taken to be its first point's position (the others are within 2⁻⁶⁰ of the map's width of it).
 */
const MAX_DEPTH = 60;

/** The tree as built: cells with children in blocks of 2^dims, indices growing from parent to child. */
export class TreeBuilder {
  readonly children: number;
  /** Cells in use. */
  cells = 0;
  private capacity = 0;
  /** Per cell, STRIDE apart: the centre of its box, its half-widths, and the sum of its points' positions. */
  centre = new Float64Array(0);
  half = new Float64Array(0);
  sum = new Float64Array(0);
  squaredWidth = new Float64Array(0);
  count = new Int32Array(0);
  /** The first of the cell's 2^dims consecutive children, or NO_CELL for a leaf. */
  firstChild = new Int32Array(0);
  /** For a leaf: one of its points (all of them sit at its position), or NO_CELL when empty. */
  point = new Int32Array(0);

  /** A builder for n points in `dims` (1 to 3) dimensions; its arrays grow as needed and are reused by every build. */
  constructor(n: number, private readonly dims: number) {
    this.children = 1 << dims;
    this.grow(2 * n * this.children + 1);
  }

  /** Rebuilds the tree around the n points of `y` (padded, STRIDE apart); the root's box is their bounding box. */
  build(y: Float64Array, n: number): void {
    this.cells = 0;
    const root = this.newCells(1);
    let widest = 0;
    for (let c = 0; c < STRIDE; c++) {
      let low = Infinity;
      let high = -Infinity;
      for (let i = 0; i < n; i++) {
        low = Math.min(low, y[i * STRIDE + c]);
        high = Math.max(high, y[i * STRIDE + c]);
      }
      this.centre[root * STRIDE + c] = (low + high) / 2;
      this.half[root * STRIDE + c] = (high - low) / 2;
      widest = Math.max(widest, high - low);
    }
    this.squaredWidth[root] = widest * widest;
    for (let i = 0; i < n; i++) this.insert(y, i);
  }

  private insert(y: Float64Array, p: number): void {
    let cell = 0;
    for (let depth = 0; ; depth++) {
      this.count[cell]++;
      for (let c = 0; c < STRIDE; c++) this.sum[cell * STRIDE + c] += y[p * STRIDE + c];
      if (this.firstChild[cell] !== NO_CELL) {
        cell = this.childFor(cell, y, p);
        continue;
      }
      const resident = this.point[cell];
      if (resident === NO_CELL) {
        this.point[cell] = p;
        return;
      }
      if (depth >= MAX_DEPTH || samePosition(y, resident, p)) return;
      this.split(cell, y, resident);
      cell = this.childFor(cell, y, p);
    }
  }

  /** Turns a leaf into 2^dims empty children and moves its resident points (all at one position) into theirs. */
  private split(cell: number, y: Float64Array, resident: number): void {
    const first = this.newCells(this.children); // may reallocate: index the arrays only after this
    this.firstChild[cell] = first;
    this.point[cell] = NO_CELL;
    const childWidth = Math.sqrt(this.squaredWidth[cell]) / 2;
    for (let k = 0; k < this.children; k++) {
      const child = first + k;
      for (let c = 0; c < STRIDE; c++) {
        const half = this.half[cell * STRIDE + c] / 2;
        this.half[child * STRIDE + c] = half;
        this.centre[child * STRIDE + c] = this.centre[cell * STRIDE + c] + ((k >> c) & 1 ? half : -half);
      }
      this.squaredWidth[child] = childWidth * childWidth;
    }
    const home = this.childFor(cell, y, resident);
    const residents = this.count[cell] - 1; // the count already includes the point being inserted
    this.count[home] = residents;
    this.point[home] = resident;
    for (let c = 0; c < STRIDE; c++) this.sum[home * STRIDE + c] = residents * y[resident * STRIDE + c];
  }

  /** The child of `cell` whose box holds point p: bit c of its number is set when p is at or above the centre along c. */
  private childFor(cell: number, y: Float64Array, p: number): number {
    let k = 0;
    for (let c = 0; c < this.dims; c++) if (y[p * STRIDE + c] >= this.centre[cell * STRIDE + c]) k |= 1 << c;
    return this.firstChild[cell] + k;
  }

  /** Index of the first of `howMany` new empty cells. */
  private newCells(howMany: number): number {
    if (this.cells + howMany > this.capacity) this.grow(2 * (this.cells + howMany));
    const first = this.cells;
    this.cells += howMany;
    this.count.fill(0, first, this.cells);
    this.firstChild.fill(NO_CELL, first, this.cells);
    this.point.fill(NO_CELL, first, this.cells);
    this.sum.fill(0, first * STRIDE, this.cells * STRIDE);
    return first;
  }

  private grow(capacity: number): void {
    const resized = <T extends Float64Array | Int32Array>(old: T, make: (length: number) => T, width: number): T => {
      const next = make(capacity * width);
      next.set(old.subarray(0, this.cells * width));
      return next;
    };
    const floats = (length: number) => new Float64Array(length);
    const ints = (length: number) => new Int32Array(length);
    this.centre = resized(this.centre, floats, STRIDE);
    this.half = resized(this.half, floats, STRIDE);
    this.sum = resized(this.sum, floats, STRIDE);
    this.squaredWidth = resized(this.squaredWidth, floats, 1);
    this.count = resized(this.count, ints, 1);
    this.firstChild = resized(this.firstChild, ints, 1);
    this.point = resized(this.point, ints, 1);
    this.capacity = capacity;
  }
}

function samePosition(y: Float64Array, a: number, b: number): boolean {
  return y[a * STRIDE] === y[b * STRIDE] && y[a * STRIDE + 1] === y[b * STRIDE + 1] && y[a * STRIDE + 2] === y[b * STRIDE + 2];
}
