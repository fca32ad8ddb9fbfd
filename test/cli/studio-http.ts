/** Talking to a studio in tests: raw HTTP over a socket (to send what fetch refuses to: "..", bad Host headers, bodies) and a server-sent event reader. */
import { request } from "node:http";
import { connect } from "node:net";

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  text: string;
}

/** Sends exactly these bytes and reads the response until the server closes the connection (ask it to: "Connection: close"). */
export function raw(port: number, bytes: string | Buffer): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("close", () => {
      const all = Buffer.concat(chunks);
      const end = all.indexOf("\r\n\r\n");
      const [statusLine, ...lines] = all.subarray(0, end).toString("latin1").split("\r\n");
      const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(":")).toLowerCase(), line.slice(line.indexOf(":") + 1).trim()]));
      const body = all.subarray(end + 4);
      resolve({ status: Number(statusLine.split(" ")[1]), headers, body, text: body.toString("utf8") });
    });
    // write, not end: the server may drop a connection whose client has finished sending before it answers
    socket.write(bytes);
  });
}

/** A request for path with a good Host header (unless headers replace it), on a connection closed after the answer. */
export function get(port: number, path: string, { method = "GET", headers = {} as Record<string, string>, body = "" } = {}): Promise<RawResponse> {
  const all = { Host: `127.0.0.1:${port}`, Connection: "close", ...headers };
  const lines = Object.entries(all).map(([name, value]) => `${name}: ${value}\r\n`).join("");
  return raw(port, `${method} ${path} HTTP/1.1\r\n${lines}\r\n${body}`);
}

export interface ServerEvent {
  event: string;
  data: Record<string, unknown>;
}

/** An open /api/events stream whose events are kept in order; next() waits for the next one. */
export class EventReader {
  private readonly events: ServerEvent[] = [];
  private waiting: (() => void) | null = null;
  private buffer = "";
  private readonly closeRequest: () => void;
  readonly contentType: Promise<string>;

  constructor(port: number, path: string) {
    const req = request({ host: "127.0.0.1", port, path, agent: false });
    this.contentType = new Promise((resolve, reject) => {
      req.on("response", (res) => {
        resolve(res.headers["content-type"] ?? "");
        res.setEncoding("utf8");
        res.on("data", (text: string) => this.receive(text));
      });
      req.on("error", reject);
    });
    req.end();
    this.closeRequest = () => req.destroy();
  }

  /** The next event, or a failure after timeoutMs. */
  async next(timeoutMs = 3000): Promise<ServerEvent> {
    const started = Date.now();
    while (this.events.length === 0) {
      if (Date.now() - started > timeoutMs) throw new Error(`no server-sent event within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        this.waiting = resolve;
        setTimeout(resolve, 50);
      });
    }
    return this.events.shift()!;
  }

  /** The next n events, in order. */
  async take(n: number): Promise<ServerEvent[]> {
    const taken: ServerEvent[] = [];
    while (taken.length < n) taken.push(await this.next());
    return taken;
  }

  /** The events that have arrived and not been taken. */
  pending(): ServerEvent[] {
    return [...this.events];
  }

  close(): void {
    this.closeRequest();
  }

  private receive(text: string): void {
    this.buffer += text;
    let end: number;
    while ((end = this.buffer.indexOf("\n\n")) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const field = (name: string) => block.split("\n").find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2);
      const event = field("event");
      const data = field("data");
      if (event !== undefined && data !== undefined) this.events.push({ event, data: JSON.parse(data) });
    }
    this.waiting?.();
  }
}

/** Opens the event stream at path for use, and closes it after. */
export async function withEvents(port: number, path: string, use: (events: EventReader) => Promise<void>): Promise<void> {
  const events = new EventReader(port, path);
  try {
    await use(events);
  } finally {
    events.close();
  }
}
