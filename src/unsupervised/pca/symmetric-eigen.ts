/**
 * Eigendecomposition of a small symmetric matrix by cyclic Jacobi rotations (Golub & Van Loan
 * §8.5), in float64: accurate to rounding for the D×D covariances PCA needs (D up to a few
 * hundred; a 144×144 covariance takes 6–8 sweeps).
 */

export interface SymmetricEigen {
  /** Eigenvalues, largest first. */
  values: Float64Array;
  /** Eigenvectors as rows, in the order of `values`: vectors[i·n + j] is component j of vector i. */
  vectors: Float64Array;
}

/** Eigenvalues and orthonormal eigenvectors of the symmetric n×n matrix `a` (row-major). */
export function symmetricEigen(a: ArrayLike<number>, n: number, { tolerance = 1e-12, maxSweeps = 50 } = {}): SymmetricEigen {
  if (a.length !== n * n) throw new RangeError(`symmetricEigen: expected ${n}×${n} = ${n * n} values, got ${a.length}`);
  const m = Float64Array.from(a);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  const offDiagonal = () => {
    let s = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) s += m[i * n + j] ** 2;
    return s;
  };
  let scale = 0;
  for (let i = 0; i < n * n; i++) scale += m[i] ** 2;
  for (let sweep = 0; sweep < maxSweeps && offDiagonal() > tolerance ** 2 * scale; sweep++) {
    for (let p = 0; p < n - 1; p++) for (let q = p + 1; q < n; q++) rotate(m, v, n, p, q);
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => m[j * n + j] - m[i * n + i]);
  const values = Float64Array.from(order, (i) => m[i * n + i]);
  const vectors = new Float64Array(n * n);
  // v's columns are the eigenvectors
  order.forEach((col, row) => {
    for (let j = 0; j < n; j++) vectors[row * n + j] = v[j * n + col];
  });
  return { values, vectors };
}

/** One Jacobi rotation zeroing m[p][q]: m ← Jᵀ m J, v ← v J. */
function rotate(m: Float64Array, v: Float64Array, n: number, p: number, q: number): void {
  const apq = m[p * n + q];
  if (apq === 0) return;
  const theta = (m[q * n + q] - m[p * n + p]) / (2 * apq);
  const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  for (let k = 0; k < n; k++) {
    const mkp = m[k * n + p];
    const mkq = m[k * n + q];
    m[k * n + p] = c * mkp - s * mkq;
    m[k * n + q] = s * mkp + c * mkq;
  }
  for (let k = 0; k < n; k++) {
    const mpk = m[p * n + k];
    const mqk = m[q * n + k];
    m[p * n + k] = c * mpk - s * mqk;
    m[q * n + k] = s * mpk + c * mqk;
  }
  for (let k = 0; k < n; k++) {
    const vkp = v[k * n + p];
    const vkq = v[k * n + q];
    v[k * n + p] = c * vkp - s * vkq;
    v[k * n + q] = s * vkp + c * vkq;
  }
}
