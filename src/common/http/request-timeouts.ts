/**
 * Fastify's and Node's request timeouts for one limit: a client has `ms` to send its whole request,
 * headers and body, or is answered 408 and disconnected (a body sent a byte at a time no longer holds
 * a connection and its parser for good). Node checks the limit every `connectionsCheckingInterval`,
 * so a request is cut between `ms` and `ms` plus a tenth of it. Headers must arrive in the same time
 * (Node refuses a `headersTimeout` beyond `requestTimeout`).
 */
export function requestTimeouts(ms: number): {
  requestTimeout: number;
  http: { headersTimeout: number; connectionsCheckingInterval: number };
} {
  return {
    requestTimeout: ms,
    http: {
      headersTimeout: Math.min(ms, 60_000),
      connectionsCheckingInterval: Math.max(50, Math.min(Math.ceil(ms / 10), 30_000)),
    },
  };
}
