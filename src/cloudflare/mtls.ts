import { CloudflareApiError } from './errors.js'
import type { ApiResponse, HttpClient } from './http.js'
import { apiPath } from './path.js'
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

export interface MtlsCertificatesApiOptions {
  /** The page cap (MAX_PAGES); smaller in tests, so that they can see the cap itself work. */
  maxPages?: number
}

/** The five account mTLS certificate endpoints as typed functions. */
export class MtlsCertificatesApi {
  private readonly maxPages: number

  constructor(
    private readonly http: HttpClient,
    readonly accountId: string,
    options: MtlsCertificatesApiOptions = {}
  ) {
    this.maxPages = options.maxPages ?? MAX_PAGES
  }

  // Every path goes through apiPath: an id that is not a Cloudflare identifier (`..`, `a/b`,
  // `%2e%2e`) is refused there, whether it came from an input or from an answer.
  private get base(): string {
    return apiPath('accounts', this.accountId, 'mtls_certificates')
  }

  private one(id: string): string {
    return apiPath('accounts', this.accountId, 'mtls_certificates', id)
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
    const path = this.one(id)
    try {
      return (await this.http.call('DELETE', path, { schema: DeleteResultSchema })).result
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
    const path = apiPath('accounts', this.accountId, 'mtls_certificates', id, 'associations')
    const first = await this.http.call('GET', path, { schema: AssociationListSchema })
    const items = [...first.result]
    const total = first.resultInfo?.total_pages
    const perPage = first.resultInfo?.per_page
    // A short (or empty) first page is the last one, whatever total_pages claims (Cloudflare's own
    // example answer says "1 of per_page 20, page 1 of 100"): no request for pages that cannot exist.
    if (total === undefined || total <= 1 || items.length === 0 || (perPage !== undefined && items.length < perPage)) return items
    if (total > this.maxPages) throw this.tooManyPages(path, `result_info.total_pages is ${total}`)
    // Associations carry no id: a page equal to page 1 is how a server that ignores `page` shows.
    const firstText = JSON.stringify(first.result)
    const rest = await mapWithConcurrency(range(2, total), PAGE_CONCURRENCY, async (n) => {
      const res = await this.http.call('GET', path, { query: { page: n, per_page: perPage || undefined }, schema: AssociationListSchema })
      checkPage(this.http.requestPath(path), n, res, { totalPages: total, fullSize: items.length })
      if (JSON.stringify(res.result) === firstText) throw pagesDoNotFit(this.http.requestPath(path), `page ${n} is page 1 again`)
      return res.result
    })
    for (const r of rest) items.push(...r)
    return items
  }

  /**
   * Reads every page: wrangler and the official SDK stop after the first 50. The pages must fit
   * together: no certificate twice, the same total_pages on every page, every page but the last
   * full. A server that repeats page 1 (or claims pages it does not have) is refused after a few
   * requests, not read as new certificates until the page cap.
   */
  async list(options: ListOptions = {}): Promise<MtlsCertificate[]> {
    const type = options.types && options.types.length > 0 ? options.types.join(',') : undefined
    const path = this.base
    let totalPages: number | undefined
    const pageOf = new Map<string, number>()
    const page = async (n: number, onReceived?: () => void) => {
      const res = await this.http.call('GET', path, { query: { type, page: n, per_page: PAGE_SIZE }, schema: CertificateListSchema, onReceived })
      options.onPage?.(n, totalPages ?? res.resultInfo?.total_pages, res.result.length)
      // An id on two pages: the server ignores `page`, or the list changed while it was read.
      // Either way the pages do not make one list: refuse it rather than drop the repeat silently.
      for (const c of res.result) {
        const earlier = pageOf.get(c.id)
        if (earlier !== undefined) throw pagesDoNotFit(this.http.requestPath(path), `page ${n} repeats certificate ${c.id} of page ${earlier}`)
        pageOf.set(c.id, n)
      }
      return res
    }

    const first = await page(1)
    const items = [...first.result]
    totalPages = first.resultInfo?.total_pages
    const perPage = first.resultInfo?.per_page || PAGE_SIZE
    // A short first page is the last one, whatever total_pages claims.
    if (items.length < perPage) return items
    if (totalPages !== undefined) {
      if (totalPages <= 1) return items
      if (totalPages > this.maxPages) throw this.tooManyPages(path, `result_info.total_pages is ${totalPages}`)
      const claimed = totalPages
      // A page's slot is free once its answer has arrived: the next page is on its way while this
      // one is parsed, instead of each round trip waiting for the parsing of up to four pages.
      const rest = await mapWithConcurrency(range(2, claimed), PAGE_CONCURRENCY, async (n, release) => {
        const res = await page(n, release)
        checkPage(this.http.requestPath(path), n, res, { totalPages: claimed, fullSize: perPage })
        return res.result
      })
      for (const r of rest) items.push(...r)
      return items
    }
    // No total_pages: walk until a short or empty page. A server that ignores `page` repeats
    // page 1 (refused above); one that sends full pages of new ids for ever meets the page cap.
    let last = first.result
    for (let n = 2; last.length >= perPage; n++) {
      if (n > this.maxPages) throw this.tooManyPages(path, `page ${n - 1} is still full`)
      const res = await page(n)
      checkPage(this.http.requestPath(path), n, res, { totalPages: undefined, fullSize: undefined })
      items.push(...res.result)
      last = res.result
    }
    return items
  }

  private tooManyPages(path: string, why: string): CloudflareApiError {
    return new CloudflareApiError({
      kind: 'invalid-response',
      message: `the list does not end: ${why}, more than the ${this.maxPages} pages (${this.maxPages * PAGE_SIZE} certificates) this action reads`,
      method: 'GET',
      path: this.http.requestPath(path)
    })
  }
}

/**
 * What every page after the first must agree on with page 1: the page asked for (when the answer
 * says which), the same total_pages, and, before the last page, as many items as a full page.
 */
function checkPage(path: string, n: number, res: ApiResponse<unknown[]>, expected: { totalPages: number | undefined; fullSize: number | undefined }): void {
  const info = res.resultInfo
  if (info?.page !== undefined && info.page !== n) throw pagesDoNotFit(path, `the answer for page ${n} says it is page ${info.page}`)
  if (info?.total_pages !== expected.totalPages) {
    throw pagesDoNotFit(path, `result_info.total_pages is ${expected.totalPages ?? 'absent'} on page 1 and ${info?.total_pages ?? 'absent'} on page ${n}`)
  }
  if (expected.totalPages !== undefined && expected.fullSize !== undefined && n < expected.totalPages && res.result.length < expected.fullSize) {
    throw pagesDoNotFit(path, `page ${n} of ${expected.totalPages} holds ${res.result.length} items, fewer than the ${expected.fullSize} of a full page`)
  }
}

function pagesDoNotFit(path: string, why: string): CloudflareApiError {
  return new CloudflareApiError({
    kind: 'invalid-response',
    message: `the pages do not fit together: ${why} (a server that ignores page, or certificates that changed while the list was read: a re-run reads it again)`,
    method: 'GET',
    path
  })
}

function range(from: number, to: number): number[] {
  const out: number[] = []
  for (let i = from; i <= to; i++) out.push(i)
  return out
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
