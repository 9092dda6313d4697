import { CloudflareApiError } from './errors.js'
import type { HttpClient } from './http.js'
import {
  AssociationListSchema,
  CertificateListSchema,
  DeleteResultSchema,
  MtlsCertificateSchema,
  type Association,
  type CertificateType,
  type MtlsCertificate
} from './schemas.js'

export interface UploadRequest {
  ca: boolean
  certificates: string
  name?: string
  privateKey?: string
}

export interface ListOptions {
  /** Omitted = every type. */
  types?: CertificateType[]
  /** Told of each page as it arrives (`total` once the first page has said it), for the log. */
  onPage?: (page: number, total: number | undefined, count: number) => void
}

/** Cloudflare pages this list at 50; asking for more is not documented to work. */
export const PAGE_SIZE = 50
/** Pages after the first are fetched concurrently, but gently: the token's budget is 1,200 requests / 5 min. */
export const PAGE_CONCURRENCY = 4
/**
 * 50,000 certificates. A server that claims more pages (or ignores `page` and repeats itself) would
 * otherwise make us exhaust the token's request budget, or loop for ever.
 */
export const MAX_PAGES = 1000

/** The five account mTLS certificate endpoints as typed functions. */
export class MtlsCertificatesApi {
  constructor(
    private readonly http: HttpClient,
    readonly accountId: string
  ) {}

  private get base(): string {
    return `accounts/${encodeURIComponent(this.accountId)}/mtls_certificates`
  }

  private one(id: string): string {
    return `${this.base}/${encodeURIComponent(id)}`
  }

  async upload(req: UploadRequest): Promise<MtlsCertificate> {
    const body: Record<string, unknown> = { ca: req.ca, certificates: req.certificates }
    if (req.name !== undefined) body.name = req.name
    if (req.privateKey !== undefined) body.private_key = req.privateKey
    const res = await this.http.call('POST', this.base, { body, schema: MtlsCertificateSchema })
    return res.result
  }

  async get(id: string): Promise<MtlsCertificate> {
    return (await this.http.call('GET', this.one(id), { schema: MtlsCertificateSchema })).result
  }

  async delete(id: string): Promise<MtlsCertificate | null> {
    try {
      return (await this.http.call('DELETE', this.one(id), { schema: DeleteResultSchema })).result
    } catch (e) {
      // An earlier attempt was lost on the way back (or answered 5xx) and this one finds nothing to
      // delete: that attempt deleted it. Reporting "not found" would fail a delete that happened.
      if (e instanceof CloudflareApiError && e.priorOutcomeUnknown && e.hasCode(1472)) return null
      throw e
    }
  }

  /**
   * Every association of the certificate. The answer carries `result_info`: the first request is
   * the plain GET (one request when everything fits), the rest of the pages follow by `page`.
   */
  async associations(id: string): Promise<Association[]> {
    const path = `${this.one(id)}/associations`
    const first = await this.http.call('GET', path, { schema: AssociationListSchema })
    const items = [...first.result]
    const total = first.resultInfo?.total_pages
    const perPage = first.resultInfo?.per_page
    // A short first page is the last one, whatever total_pages claims (Cloudflare's own example
    // answer says "1 of per_page 20, page 1 of 100"): no request for pages that cannot exist.
    if (total === undefined || total <= 1 || (perPage !== undefined && items.length < perPage)) return items
    if (total > MAX_PAGES) throw tooManyPages(path, `result_info.total_pages is ${total}`)
    const rest = await mapWithConcurrency(range(2, total), PAGE_CONCURRENCY, async (n) =>
      (await this.http.call('GET', path, { query: { page: n, per_page: perPage || undefined }, schema: AssociationListSchema })).result
    )
    for (const r of rest) items.push(...r)
    return items
  }

  /** Reads every page: wrangler and the official SDK stop after the first 50. */
  async list(options: ListOptions = {}): Promise<MtlsCertificate[]> {
    const type = options.types && options.types.length > 0 ? options.types.join(',') : undefined
    let totalPages: number | undefined
    const page = async (n: number, onReceived?: () => void) => {
      const res = await this.http.call('GET', this.base, { query: { type, page: n, per_page: PAGE_SIZE }, schema: CertificateListSchema, onReceived })
      options.onPage?.(n, totalPages ?? res.resultInfo?.total_pages, res.result.length)
      return res
    }

    const first = await page(1)
    const items = [...first.result]
    totalPages = first.resultInfo?.total_pages
    if (totalPages !== undefined) {
      if (totalPages > MAX_PAGES) throw tooManyPages(this.base, `result_info.total_pages is ${totalPages}`)
      // A page's slot is free once its answer has arrived: the next page is on its way while this
      // one is parsed, instead of each round trip waiting for the parsing of up to four pages.
      const rest = await mapWithConcurrency(range(2, totalPages), PAGE_CONCURRENCY, async (n, release) => (await page(n, release)).result)
      for (const r of rest) items.push(...r)
      return dedupe(items)
    }
    // No total_pages: walk until a short or empty page, or a page with nothing new (a server
    // that ignores `page` sends the first page again and again).
    const seen = new Set(items.map((c) => c.id))
    let last = first.result
    for (let n = 2; last.length >= (first.resultInfo?.per_page || PAGE_SIZE) && last.length > 0; n++) {
      if (n > MAX_PAGES) throw tooManyPages(this.base, `page ${n} is still full`)
      const r = (await page(n)).result
      const fresh = r.filter((c) => !seen.has(c.id))
      if (fresh.length === 0) break
      for (const c of fresh) seen.add(c.id)
      items.push(...r)
      last = r
    }
    return dedupe(items)
  }
}

function tooManyPages(path: string, why: string): CloudflareApiError {
  return new CloudflareApiError({
    kind: 'invalid-response',
    message: `the list does not end: ${why}, more than the ${MAX_PAGES} pages (${MAX_PAGES * PAGE_SIZE} certificates) this action reads`,
    method: 'GET',
    path
  })
}

function range(from: number, to: number): number[] {
  const out: number[] = []
  for (let i = from; i <= to; i++) out.push(i)
  return out
}

// A certificate uploaded while we page can shift items across page boundaries; never report one twice.
function dedupe(items: MtlsCertificate[]): MtlsCertificate[] {
  const seen = new Set<string>()
  return items.filter((c) => (seen.has(c.id) ? false : (seen.add(c.id), true)))
}

/**
 * Runs fn over items with at most `limit` in flight, keeping the order of results. After the first
 * failure no new item starts: the result is lost anyway, and every extra request costs budget.
 * An item may call `release` to free its slot before it ends (its request is done, only local
 * work is left): the next item starts then, and its result is still awaited.
 */
export async function mapWithConcurrency<T, R>(items: T[], limit: number, fn: (item: T, release: () => void) => Promise<R>): Promise<R[]> {
  const results = new Array<Promise<R>>(items.length)
  let next = 0
  let failed = false
  // The first failure ends the wait at once, without waiting for the items still running.
  let fail: (e: unknown) => void = () => {}
  const failure = new Promise<never>((_, reject) => (fail = reject))
  failure.catch(() => {})
  const worker = async (): Promise<void> => {
    while (next < items.length && !failed) {
      const i = next++
      let release = (): void => {}
      const released = new Promise<void>((resolve) => (release = resolve))
      const result = fn(items[i] as T, release)
      results[i] = result
      result.then(release, (e: unknown) => {
        failed = true
        fail(e)
        release()
      })
      await released
    }
  }
  await Promise.race([Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker)), failure])
  return Promise.race([Promise.all(results), failure])
}
