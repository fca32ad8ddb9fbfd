/**
 * Headers on every response: scripts only from the studio itself, no sniffing of types, no framing,
 * no referrers. 'wasm-unsafe-eval' lets the try-it panel compile Strata's kernels.wasm (served by
 * the studio too); it allows WebAssembly compilation only, not eval of JavaScript.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "Content-Security-Policy": "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "Cross-Origin-Resource-Policy": "same-origin",
};
