import * as http from 'http';
import { AddressInfo } from 'net';

/** An answer the proxy gives instead of forwarding. */
export interface Fault {
  readonly status: number;
  /** The error's code, as CloudWatch's JSON protocol sends it in `__type` and the x-amzn-query-error header. */
  readonly code: string;
  readonly message: string;
}

/** A throttling answer, as CloudWatch sends one. */
export const THROTTLING: Fault = { status: 400, code: 'Throttling', message: 'Rate exceeded' };

/** The proxy, with what it has seen. */
export interface FaultProxy {
  readonly endpoint: string;
  /** GetMetricData requests received, faults and forwarded ones together. */
  readonly getMetricDataRequests: () => number;
  close(): Promise<void>;
}

/**
 * A CloudWatch endpoint on loopback that answers the first GetMetricData requests with the given faults, in the
 * wire format of the JSON 1.0 protocol the SDK speaks (AWS-FACTS §16), and forwards everything else to moto:
 * the SDK's own retry and error parsing run as they would against AWS. `always` repeats the last fault forever.
 */
export async function startFaultProxy(upstream: string, faults: readonly Fault[], options: { always?: boolean } = {}): Promise<FaultProxy> {
  const target = new URL(upstream);
  let seen = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const isGetMetricData = String(req.headers['x-amz-target'] ?? '').endsWith('.GetMetricData');
      const fault = isGetMetricData ? (faults[seen] ?? (options.always ? faults[faults.length - 1] : undefined)) : undefined;
      if (isGetMetricData) seen++;
      if (fault) {
        res.writeHead(fault.status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-query-error': `${fault.code};Sender`, 'x-amzn-requestid': `fault-${seen}` });
        res.end(JSON.stringify({ __type: `com.amazonaws.cloudwatch#${fault.code}`, message: fault.message }));
        return;
      }
      const forward = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      forward.on('error', (e) => {
        res.writeHead(502);
        res.end(String(e));
      });
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    getMetricDataRequests: () => seen,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
