/** Building the page from data: whatever came from a run goes in as text (textContent), never as markup. */

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no element #${id}`);
  return element as T;
}

/** A new element with a class and text, holding children. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, { className, text }: { className?: string; text?: string } = {}, ...children: Node[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  element.append(...children);
  return element;
}

/** The path of a run's API resource (names are percent-encoded). */
export const runApi = (run: string, resource: string) => `/api/runs/${encodeURIComponent(run)}/${resource}`;
