/** An error that becomes an HTTP response: its status and a message for the person who sent the request. */
export class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}
