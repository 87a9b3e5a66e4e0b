// @ts-check
/**
 * @medplum/core reads `WebSocket.CLOSING` and `WebSocket.CLOSED` when it loads (for its
 * subscription client, which the sandbox never uses); Node.js has a global WebSocket from 22 on.
 * On Node 20 a stand-in with the constants lets it load; constructing one fails loudly.
 */
if (typeof globalThis.WebSocket === 'undefined') {
  Object.defineProperty(globalThis, 'WebSocket', {
    configurable: true,
    writable: true,
    value: class WebSocketUnavailable {
      static CONNECTING = 0;
      static OPEN = 1;
      static CLOSING = 2;
      static CLOSED = 3;
      constructor() {
        throw new Error('WebSocket is not available in this Node.js (22 or later has it)');
      }
    },
  });
}
