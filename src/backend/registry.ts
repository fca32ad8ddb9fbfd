/**
 * Kernels registered per backend, by name. Ops ask `kernels()` for what they need and never
 * branch on the backend: the active backend's kernel is used, and one it lacks falls back to the
 * reference backend's.
 */
import type { KernelMap, KernelName } from "./kernels.js";

export interface Backend {
  readonly name: string;
  readonly kernels: Partial<KernelMap>;
}

const backends = new Map<string, Backend>();
let active: Backend | null = null;
let resolved: KernelMap | null = null;

export function registerBackend(backend: Backend): void {
  backends.set(backend.name, backend);
  resolved = null;
}

/** Add or replace one kernel of an already registered backend. */
export function registerKernel<K extends KernelName>(backendName: string, name: K, kernel: KernelMap[K]): void {
  const backend = backends.get(backendName);
  if (!backend) throw new Error(`registerKernel: no backend named "${backendName}" (registered: ${listBackends().join(", ")})`);
  (backend.kernels as Record<string, unknown>)[name] = kernel;
  resolved = null;
}

export function listBackends(): string[] {
  return [...backends.keys()];
}

export function setBackend(name: string): void {
  const backend = backends.get(name);
  if (!backend) throw new Error(`setBackend: no backend named "${name}" (registered: ${listBackends().join(", ")})`);
  active = backend;
  resolved = null;
}

export function getBackend(): string {
  return (active ?? backends.get("reference"))?.name ?? "none";
}

/** The kernel table in force: the active backend's kernels over the reference ones. */
export function kernels(): KernelMap {
  if (resolved) return resolved;
  const reference = backends.get("reference");
  if (!reference) throw new Error("kernels: the reference backend is not registered");
  const table = { ...reference.kernels, ...(active?.kernels ?? {}) } as KernelMap;
  resolved = table;
  return table;
}
