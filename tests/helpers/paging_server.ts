/**
 * A paging server on loopback, run in a worker so that it answers while the
 * test's own thread is blocked. Page `k` is `[k]`, with `x-next: k+1` up to
 * the last page. When the request for page `k` arrives, `arrived[k]` is set and
 * notified, so a test can wait for it with `Atomics.wait`.
 *
 * Messages in: `{ pages, arrived }` to start (answers `{ port }`), then anything
 * to stop (answers `{ closed: true }`).
 *
 * @module
 */

/// <reference lib="deno.worker" />

self.onmessage = (start: MessageEvent<{ pages: number; arrived: Int32Array }>) => {
  const { pages, arrived } = start.data;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (request) => {
    const k = Number(new URL(request.url).searchParams.get("key") ?? "0");
    Atomics.store(arrived, k, 1);
    Atomics.notify(arrived, k);
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (k + 1 < pages) headers["x-next"] = String(k + 1);
    return new Response(`[${k}]`, { headers });
  });
  self.postMessage({ port: server.addr.port });
  self.onmessage = async () => {
    await server.shutdown();
    self.postMessage({ closed: true });
  };
};
