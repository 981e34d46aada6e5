import type { ResourceRef } from '../../resource-ref';

/** A request to a REST API, as a client sends it. */
export interface ApiRequestOptions {
  /** The HTTP method: `GET`, `POST`… */
  readonly method: string;
  /** The path under the stage, `/orders/42`; a query string after `?` is read too. */
  readonly path: string;
  /**
   * Request headers (names in any case).
   * @default - none
   */
  readonly headers?: Readonly<Record<string, string | readonly string[]>>;
  /**
   * Query string parameters (added to those in `path`).
   * @default - none
   */
  readonly query?: Readonly<Record<string, string | readonly string[]>>;
  /**
   * The body: a string as sent, or a value sent as JSON (then `Content-Type: application/json` unless given).
   * @default - no body
   */
  readonly body?: string | object;
  /**
   * The caller's address (`aws:SourceIp`, `identity.sourceIp`).
   * @default '198.51.100.1'
   */
  readonly sourceIp?: string;
  /**
   * The stage, by name.
   * @default - the API's only stage
   */
  readonly stage?: string;
  /**
   * An IAM role of the template the request is made as (SigV4-signed by its credentials): what `AWS_IAM`
   * methods and the resource policy see.
   * @default - an unsigned request
   */
  readonly as?: ResourceRef;
  /**
   * The interface VPC endpoint the request comes through (`aws:SourceVpce`), for private APIs.
   * @default - not through a VPC endpoint
   */
  readonly sourceVpce?: string;
}

/** What the client gets back. */
export interface ApiResponse {
  readonly status: number;
  /** Response headers, as sent (API Gateway's own: `x-amzn-RequestId`, `x-amzn-ErrorType` on its errors…). */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** API Gateway's request id (`$context.requestId`). */
  readonly requestId: string;
  /** How long the client waited, on the virtual clock: the authorizer's and the integration's durations. */
  readonly latencyMs: number;
}

/** The documentation address (RFC 5737) a request comes from unless it says otherwise. */
export const DEFAULT_SOURCE_IP = '198.51.100.1';

/** A request as the pipeline reads it: headers by lower-case name, the query string parsed. */
export class IncomingRequest {
  public readonly httpMethod: string;
  public readonly path: string;
  /** Header values by lower-case name (the last value of a repeated header). */
  public readonly headerValues = new Map<string, string>();
  /** Headers as sent (name as given → values). */
  public readonly headers: Record<string, string[]> = {};
  public readonly query: Record<string, string[]> = {};
  public readonly body: string | null;
  public readonly sourceIp: string;

  constructor(public readonly options: ApiRequestOptions) {
    this.httpMethod = options.method.toUpperCase();
    const q = options.path.indexOf('?');
    this.path = normalizePath(q < 0 ? options.path : options.path.slice(0, q));
    if (q >= 0) {
      for (const [k, v] of new URLSearchParams(options.path.slice(q + 1))) (this.query[k] ??= []).push(v);
    }
    for (const k in options.query) {
      const v = options.query[k];
      (this.query[k] ??= []).push(...(typeof v === 'string' ? [v] : v));
    }
    for (const name in options.headers) {
      const v = options.headers[name];
      const values = typeof v === 'string' ? [v] : [...v];
      this.headers[name] = values;
      this.headerValues.set(name.toLowerCase(), values[values.length - 1]);
    }
    const body = options.body;
    if (body === undefined) {
      this.body = null;
    } else if (typeof body === 'string') {
      this.body = body;
    } else {
      this.body = JSON.stringify(body);
      if (!this.headerValues.has('content-type')) {
        this.headers['Content-Type'] = ['application/json'];
        this.headerValues.set('content-type', 'application/json');
      }
    }
    this.sourceIp = options.sourceIp ?? DEFAULT_SOURCE_IP;
  }

  public header(name: string): string | undefined {
    return this.headerValues.get(name.toLowerCase());
  }

  /** The last value of a query string parameter. */
  public queryValue(name: string): string | undefined {
    const values = this.query[name];
    return values === undefined ? undefined : values[values.length - 1];
  }

  /**
   * The media type the mapping templates are chosen by: the Content-Type without parameters, `application/json`
   * when the request has none (as API Gateway assumes).
   */
  public get contentType(): string {
    const ct = this.header('content-type');
    return ct === undefined ? 'application/json' : ct.split(';')[0].trim().toLowerCase();
  }
}

/** `/orders/42/` and `orders/42` are `/orders/42`; empty segments are dropped. */
function normalizePath(path: string): string {
  if (path === '/' || path === '') return '/';
  let out = '';
  for (const segment of path.split('/')) if (segment !== '') out += `/${segment}`;
  return out === '' ? '/' : out;
}
