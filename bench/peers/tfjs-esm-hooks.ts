/**
 * Module-resolution hooks that let Node load tfjs-core's ES-module build (`dist/*.js`), whose
 * relative imports have no file extension and whose package does not say it is ESM. The bench needs
 * it for one file: `dist/register_all_gradients.js`, the gradient definitions, which tfjs-core's
 * CommonJS bundle for Node leaves out (the `@tensorflow/tfjs` union package adds them in a browser
 * build). They register into TF.js's global registry, shared with the CommonJS bundle.
 * Installed with `module.register` by tfjs.ts.
 */
interface ResolveContext {
  parentURL?: string;
}
interface ResolveResult {
  url: string;
  format?: string | null;
}
type NextResolve = (specifier: string, context: ResolveContext) => Promise<ResolveResult>;

const esmBuild = "/@tensorflow/tfjs-core/dist/";

export async function resolve(specifier: string, context: ResolveContext, nextResolve: NextResolve): Promise<ResolveResult> {
  const fromEsmBuild = context.parentURL?.includes(esmBuild) ?? false;
  const relative = specifier.startsWith("./") || specifier.startsWith("../");
  const resolved = await nextResolve(fromEsmBuild && relative && !specifier.endsWith(".js") ? `${specifier}.js` : specifier, context);
  return resolved.url.includes(esmBuild) && !resolved.url.endsWith("tf-core.node.js") ? { ...resolved, format: "module" } : resolved;
}
