import type { Agent as HttpAgent, IncomingMessage, RequestOptions as NodeRequestOptions } from 'node:http'
import { createRequire } from 'node:module'
import type { Dispatcher } from 'undici'

/** One request as the client sends it: the body already serialised, the deadline kept by the caller. */
export interface Outgoing {
  url: URL
  method: string
  headers: Record<string, string>
  body: string | undefined
  signal: AbortSignal
  timeoutMs: number
}

/** One answer, read in full. */
export interface Exchange {
  status: number
  retryAfter: string | undefined
  text: string
}

/**
 * Moves bytes for the HttpClient, which owns everything else (auth, retries, deadlines, parsing).
 * Two of them, chosen per request by where it goes:
 *  - direct: Node's own http/https with a keep-alive agent. It is built into Node and already
 *    compiled, where undici's request path is 600 KB of JavaScript, a WebAssembly HTTP parser and
 *    node:http2 to load: about 85 ms of a 1,000-certificate `list` (see bench/, issue 7);
 *  - through a proxy (HTTPS_PROXY / HTTP_PROXY / NO_PROXY) or an injected dispatcher: undici 7's
 *    EnvHttpProxyAgent, loaded only then.
 */
export interface Transport {
  send(req: Outgoing): Promise<Exchange>
  close(): Promise<void>
}

// node:http and node:https through require, not import: Node 24 builds an ES-module facade for an
// imported built-in, and node:http's facade reads a lazy getter that loads Node's internal copy of
// undici (about 55 ms). ncc writes the same require for a static import; this keeps tests and
// bundle alike and loads https (and TLS) only for an https URL.
const require = createRequire(import.meta.url)

export function directTransport(): Transport {
  const agents = new Map<string, HttpAgent>()
  type NodeHttp = Pick<typeof import('node:http'), 'request' | 'Agent'>
  const moduleFor = (protocol: string): NodeHttp =>
    protocol === 'https:' ? (require('node:https') as typeof import('node:https')) : (require('node:http') as typeof import('node:http'))
  const agentFor = (protocol: string, mod: NodeHttp): HttpAgent => {
    let agent = agents.get(protocol)
    if (!agent) {
      // An idle kept-alive connection is dropped after 4 s (as undici does), before a server or a
      // middlebox silently closes it under a request. Only idle sockets: a request in flight keeps
      // its own deadline (HttpClient), and a socket timeout does not abort it.
      agent = new mod.Agent({ keepAlive: true, timeout: 4_000 })
      agents.set(protocol, agent)
    }
    return agent
  }
  return {
    send({ url, method, headers, body, signal }) {
      const mod = moduleFor(url.protocol)
      const options: NodeRequestOptions = {
        method,
        headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        agent: agentFor(url.protocol, mod),
        signal
      }
      return new Promise<Exchange>((resolve, reject) => {
        const req = mod.request(url, options, (res: IncomingMessage) => {
          const chunks: Buffer[] = []
          res.on('data', (chunk: Buffer) => chunks.push(chunk))
          res.on('error', reject)
          res.on('end', () => {
            const ra = res.headers['retry-after']
            resolve({ status: res.statusCode ?? 0, retryAfter: Array.isArray(ra) ? ra[0] : ra, text: Buffer.concat(chunks).toString('utf8') })
          })
          // A connection that ends in the middle of the body: not an answer (end never comes).
          res.on('close', () => {
            if (!res.complete) reject(Object.assign(new Error('the connection closed before the whole answer arrived'), { code: 'ECONNRESET' }))
          })
        })
        req.on('error', reject)
        req.end(body)
      })
    },
    async close() {
      for (const agent of agents.values()) agent.destroy()
    }
  }
}

/** undici 7, for a proxy or a dispatcher a test injects; its code is loaded on the first request. */
export function undiciTransport(injected?: Dispatcher): Transport {
  let dispatcher: Promise<Dispatcher> | undefined
  const get = (): Promise<Dispatcher> =>
    (dispatcher ??= injected ? Promise.resolve(injected) : import('./undici.js').then(({ EnvHttpProxyAgent }) => new EnvHttpProxyAgent()))
  return {
    async send({ url, method, headers, body, signal, timeoutMs }) {
      // What undici's top-level request(url, …) does with a URL, without loading its index.
      const res = await (await get()).request({
        origin: url.origin,
        path: url.search ? `${url.pathname}${url.search}` : url.pathname,
        method: method as Dispatcher.HttpMethod,
        headers,
        body,
        signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs
      })
      const ra = res.headers['retry-after']
      return { status: res.statusCode, retryAfter: Array.isArray(ra) ? ra[0] : ra, text: await res.body.text() }
    },
    async close() {
      // destroy, not close: close() would wait for what is still pending, such as a CONNECT to a
      // proxy that never answers (undici gives that up only after 300 s, whatever the signal says).
      // An injected dispatcher belongs to whoever injected it.
      if (dispatcher && !injected) await (await dispatcher).destroy()
    }
  }
}
