import type * as Undici from 'undici'
import UndiciDispatcher from 'undici/lib/dispatcher/dispatcher.js'
import api from 'undici/lib/api/index.js'
import UndiciEnvHttpProxyAgent from 'undici/lib/dispatcher/env-http-proxy-agent.js'

/**
 * The parts of undici 7 this action uses, from its own files: undici's index also loads fetch,
 * WebSocket, EventSource, the cache stores, the mock agents and the cookie helpers (which wake
 * Node's own copy of undici through globalThis.Headers), about half of a `list`'s start-up.
 * The dispatchers get `request` and `connect` (ProxyAgent's CONNECT uses it) as undici's index
 * gives them: `Object.assign(Dispatcher.prototype, api)`.
 */
Object.assign((UndiciDispatcher as { prototype: object }).prototype, api)

export const EnvHttpProxyAgent = UndiciEnvHttpProxyAgent as typeof Undici.EnvHttpProxyAgent
