/** A Lambda proxy response API Gateway can send on: status, headers, body. */
export interface ProxyAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

const FIELDS = new Set(['statusCode', 'headers', 'multiValueHeaders', 'body', 'isBase64Encoded']);

/**
 * Reads what a Lambda proxy integration's function returned (payload format 1.0), or says why API Gateway cannot
 * (it answers 502 "Malformed Lambda proxy response" then): an object with only `statusCode` (a whole number),
 * `headers` (string values), `multiValueHeaders` (lists of strings), `body` (a string) and `isBase64Encoded`
 * (a boolean). A body marked base64 is passed on as given (binary media types are not simulated).
 */
export function readProxyResponse(payload: unknown): ProxyAnswer | string {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return `the function returned ${JSON.stringify(payload)}, not an object with statusCode`;
  const r = payload as Record<string, unknown>;
  for (const key in r) if (!FIELDS.has(key)) return `the response has the field ${key}; only statusCode, headers, multiValueHeaders, body and isBase64Encoded are allowed`;
  const status = r.statusCode;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) return `statusCode ${JSON.stringify(status)} is not a whole number from 100 to 599`;
  if (r.body !== undefined && r.body !== null && typeof r.body !== 'string') return `body is ${typeof r.body === 'object' ? 'an object' : `a ${typeof r.body}`}; it must be a string (JSON.stringify it)`;
  if (r.isBase64Encoded !== undefined && typeof r.isBase64Encoded !== 'boolean') return 'isBase64Encoded is not a boolean';
  const headers: Record<string, string> = {};
  if (r.headers !== undefined && r.headers !== null) {
    if (typeof r.headers !== 'object' || Array.isArray(r.headers)) return 'headers is not an object';
    for (const [k, v] of Object.entries(r.headers)) {
      if (typeof v === 'object' && v !== null) return `the header ${k} is not a string`;
      headers[k] = String(v);
    }
  }
  if (r.multiValueHeaders !== undefined && r.multiValueHeaders !== null) {
    if (typeof r.multiValueHeaders !== 'object' || Array.isArray(r.multiValueHeaders)) return 'multiValueHeaders is not an object';
    for (const [k, v] of Object.entries(r.multiValueHeaders)) {
      if (!Array.isArray(v)) return `multiValueHeaders.${k} is not a list`;
      headers[k] = [...(headers[k] !== undefined ? [headers[k]] : []), ...v.map(String)].join(',');
    }
  }
  return { status, headers, body: typeof r.body === 'string' ? r.body : '' };
}
