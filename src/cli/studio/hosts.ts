/** Which addresses count as this machine only, and the Host headers a studio answers. */
import { hostname, networkInterfaces } from "node:os";

/** Whether host is reachable from this machine only (127.0.0.0/8, ::1, localhost). */
export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

const isWildcard = (host: string) => host === "0.0.0.0" || host === "::";

/** host as it stands in a URL or Host header (IPv6 addresses in brackets). */
export const urlHost = (host: string) => (host.includes(":") ? `[${host}]` : host);

/**
 * The Host headers (lower case, with the port) a studio listening on host:port accepts: the
 * loopback names, the address it was given, and, when it listens on every interface, this
 * machine's name and addresses. Any other name is refused, even if it resolves here.
 */
export function allowedHosts(host: string, port: number): Set<string> {
  const names = new Set(["127.0.0.1", "localhost", "::1", host]);
  if (isWildcard(host)) {
    names.add(hostname());
    for (const addresses of Object.values(networkInterfaces())) for (const a of addresses ?? []) names.add(a.address);
  }
  return new Set([...names].map((name) => `${urlHost(name.toLowerCase())}:${port}`));
}

/** The address to print for a studio listening on host: a wildcard is reached through loopback on this machine. */
export const reachableHost = (host: string) => (isWildcard(host) ? "127.0.0.1" : host);
