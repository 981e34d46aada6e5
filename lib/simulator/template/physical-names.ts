import { createHash } from 'crypto';

/**
 * The random suffix CloudFormation appends to generated names (`Stack-Queue4A7E3555-Ab12Cd34Ef56`), made
 * deterministic: it is derived from the stack name and logical id, so the same template gives the same names.
 */
export function generatedSuffix(stackName: string, logicalId: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklmnopqrstuvwxyz';
  const digest = createHash('sha256').update(`${stackName}/${logicalId}`).digest();
  let out = '';
  for (let i = 0; i < 12; i++) out += alphabet[digest[i] % alphabet.length];
  return out;
}

/**
 * A name CloudFormation generates for a resource with no explicit name: `<stack>-<logicalId>-<suffix>`,
 * trimmed to `maxLength` and, for FIFO resources, ending in `.fifo` (which counts toward the length).
 */
export function generatedName(stackName: string, logicalId: string, maxLength: number, fifo = false): string {
  const ending = fifo ? '.fifo' : '';
  const suffix = generatedSuffix(stackName, logicalId);
  const room = maxLength - ending.length - suffix.length - 2;
  const head = `${stackName}-${logicalId}`.slice(0, Math.max(room + 1, 1));
  return `${head}-${suffix}${ending}`;
}

/** A deterministic UUID-shaped id derived from a name (KMS key ids, subscription ids). */
export function deterministicUuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
