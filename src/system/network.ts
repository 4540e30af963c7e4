/**
 * The network, for the real Context: `fetch`, except that a plain-http
 * request to this machine (a loopback endpoint, an emulator) always goes
 * straight to it. Deno's `fetch` sends plain http through `HTTP_PROXY` or
 * `ALL_PROXY` whatever the host, so a login's password, AuthKey and OTP
 * would reach the proxy in clear; a proxy could not reach this machine's
 * loopback anyway. (Go's `http.ProxyFromEnvironment`, and so soracom-cli,
 * never proxies loopback either.) https goes through a proxy as a tunnel,
 * which the proxy cannot read.
 *
 * @module
 */

import { isLoopback } from "../api/endpoint.ts";

/** Whether `fetch` would send plain http through a proxy: one of the variables it reads for that is set. */
function proxiesHttp(env: (name: string) => string | undefined): boolean {
  return Boolean(env("HTTP_PROXY") || env("http_proxy") || env("ALL_PROXY") || env("all_proxy"));
}

/**
 * A `fetch` that, when a proxy is set for plain http, sends plain-http
 * requests to loopback hosts directly (a client per host and port, made when
 * first needed); everything else as `fetch` does. With no proxy set nothing
 * is in between anyway, and no client is made.
 *
 * @param env the process environment (the proxy variables are all it reads)
 *
 * @example
 * ```ts ignore
 * const send = fetchDirectToLoopback((name) => ({ HTTP_PROXY: "http://proxy:3128" })[name]);
 * await send(new Request("http://127.0.0.1:8080/v1/auth", { method: "POST" })); // never via HTTP_PROXY
 * ```
 */
export function fetchDirectToLoopback(
  env: (name: string) => string | undefined,
): (request: Request) => Promise<Response> {
  const clients = new Map<string, Deno.HttpClient>();
  let proxied: boolean | undefined;
  return (request) => {
    if (!request.url.startsWith("http:")) return fetch(request);
    proxied ??= proxiesHttp(env);
    const url = proxied ? new URL(request.url) : undefined;
    if (url === undefined || !isLoopback(url)) return fetch(request);
    const hostname = url.hostname.replace(/^\[|\]$/g, "");
    const port = Number(url.port || 80);
    const key = `${hostname} ${port}`;
    let client = clients.get(key);
    if (client === undefined) {
      // "tcp": every request on this client goes to this address, with no proxy in between.
      client = Deno.createHttpClient({ proxy: { transport: "tcp", hostname, port } });
      clients.set(key, client);
    }
    return fetch(request, { client });
  };
}
