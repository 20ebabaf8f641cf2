import { requestTimeouts } from './request-timeouts';

describe('requestTimeouts', () => {
  it.each([
    [30_000, { requestTimeout: 30_000, http: { headersTimeout: 30_000, connectionsCheckingInterval: 3_000 } }],
    [1_500, { requestTimeout: 1_500, http: { headersTimeout: 1_500, connectionsCheckingInterval: 150 } }],
    [100, { requestTimeout: 100, http: { headersTimeout: 100, connectionsCheckingInterval: 50 } }],
    [3_600_000, { requestTimeout: 3_600_000, http: { headersTimeout: 60_000, connectionsCheckingInterval: 30_000 } }],
  ])(
    'for %d ms: headers within the same limit (at most 60 s), checked every tenth of it (50 ms to 30 s)',
    (ms, expected) => {
      expect(requestTimeouts(ms)).toEqual(expected);
    },
  );
});
