// undici's own files, imported one by one (see undici.ts); undici ships types for its index only.
declare module 'undici/lib/dispatcher/dispatcher.js' {
  const Dispatcher: unknown
  export default Dispatcher
}
declare module 'undici/lib/api/index.js' {
  const api: Record<string, unknown>
  export default api
}
declare module 'undici/lib/dispatcher/env-http-proxy-agent.js' {
  const EnvHttpProxyAgent: unknown
  export default EnvHttpProxyAgent
}
