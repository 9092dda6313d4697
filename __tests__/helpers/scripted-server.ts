import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export interface Seen {
  method: string
  url: URL
  headers: IncomingMessage['headers']
  body: string
}

/** A loopback server whose answers a test scripts request by request (for client unit tests). */
export async function scriptedServer(handler: (req: Seen, res: ServerResponse, n: number) => void | Promise<void>) {
  const seen: Seen[] = []
  const sockets = new Set<Socket>()
  let inFlight = 0
  let maxInFlight = 0
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const s: Seen = {
        method: req.method ?? '',
        url: new URL(req.url ?? '/', 'http://localhost'),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8')
      }
      seen.push(s)
      inFlight++
      maxInFlight = Math.max(maxInFlight, inFlight)
      res.on('close', () => inFlight--)
      void handler(s, res, seen.length)
    })
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}/client/v4`,
    seen,
    get maxInFlight() {
      return maxInFlight
    },
    close: async () => {
      for (const s of sockets) s.destroy()
      await new Promise<void>((r) => server.close(() => r()))
    }
  }
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end(JSON.stringify(body))
}

export const ok = (result: unknown, resultInfo?: unknown) => ({
  success: true,
  errors: [],
  messages: [],
  result,
  ...(resultInfo ? { result_info: resultInfo } : {})
})

export const fail = (code: number, message: string) => ({ success: false, errors: [{ code, message }], messages: [], result: null })
