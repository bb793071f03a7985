// A tiny graphql-transport-ws client: one websocket per subscription, reconnecting with backoff.

/** @typedef {{close(): void}} Subscription */

/**
 * Subscribe to `query`; `onData` gets each `data` payload. Reconnects (and so re-subscribes)
 * when the socket drops, until `close()` is called.
 * @param {string} query
 * @param {Record<string, any>} variables
 * @param {(data: any) => void} onData
 * @param {{onError?: (message: string) => void, onLive?: () => void}} [callbacks]
 *   onLive: the server acknowledged the connection (the view is live from then on)
 * @returns {Subscription}
 */
export function subscribe(query, variables, onData, callbacks = {}) {
  const onError = callbacks.onError ?? (() => {});
  let closed = false;
  let retry = 0;
  /** @type {WebSocket | null} */
  let socket = null;

  const open = () => {
    const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/graphql`;
    const ws = new WebSocket(url, "graphql-transport-ws");
    socket = ws;
    ws.addEventListener("open", () => ws.send(JSON.stringify({ type: "connection_init" })));
    ws.addEventListener("message", (message) => {
      const frame = JSON.parse(String(message.data));
      if (frame.type === "connection_ack") {
        retry = 0;
        callbacks.onLive?.();
        ws.send(JSON.stringify({ id: "1", type: "subscribe", payload: { query, variables } }));
      } else if (frame.type === "ping") {
        ws.send(JSON.stringify({ type: "pong" }));
      } else if (frame.type === "next") {
        if (frame.payload?.errors?.length) onError(frame.payload.errors[0].message);
        if (frame.payload?.data) onData(frame.payload.data);
      } else if (frame.type === "error") {
        onError(frame.payload?.[0]?.message ?? "subscription failed");
      }
    });
    ws.addEventListener("close", () => {
      if (closed) return;
      retry = Math.min(retry + 1, 6);
      setTimeout(open, 250 * 2 ** retry);
    });
  };
  open();
  return {
    close() {
      closed = true;
      socket?.close(1000);
    },
  };
}
