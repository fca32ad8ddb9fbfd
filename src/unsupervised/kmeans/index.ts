/** k-means: clustering by Lloyd's algorithm with k-means++ seeding, its energy-based view, and the triangle feature encoding. */
export { checkK, kmeans, KMeans, lloydIterations } from "./kmeans.js";
export type { KMeansOptions, KMeansResult, LloydProgress } from "./kmeans.js";
export { kmeansPlusPlus } from "./init.js";
export { assign, lloydStep } from "./lloyd.js";
export type { LloydStep } from "./lloyd.js";
export { squaredDistances } from "./distances.js";
export { TriangleEncoding, triangleFeatures } from "./triangle.js";
