/** The error loadOnnx throws for a file it cannot import: what is wrong, and where in the file. */
export class OnnxImportError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "OnnxImportError";
  }
}
