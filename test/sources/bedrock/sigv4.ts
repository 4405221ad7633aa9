import { createHash, createHmac } from 'node:crypto';
import type { Recorded } from '../../helpers/replay-server.ts';

const hmac = (key: Buffer | string, text: string) => createHmac('sha256', key).update(text).digest();
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Whether a recorded request carries a valid AWS Signature V4 for `ce` in us-east-1 made with this
 * access key id and secret: the signature is computed again here, apart from the SDK.
 */
export function signedWith(req: Recorded, accessKeyId: string, secret: string): boolean {
  const auth = /^AWS4-HMAC-SHA256 Credential=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
    String(req.headers.authorization),
  );
  if (!auth) return false;
  const [, credential = '', signedHeaders = '', signature] = auth;
  const [keyId, date = '', region, service] = credential.split('/');
  if (keyId !== accessKeyId || region !== 'us-east-1' || service !== 'ce') return false;
  const names = signedHeaders.split(';');
  const headers = names.map(
    (n) =>
      `${n}:${String(req.headers[n] ?? '')
        .trim()
        .replace(/\s+/g, ' ')}\n`,
  );
  const query = [...req.query.entries()]
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .sort()
    .join('&');
  const payload = typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
  const canonical = [req.method, req.path, query, headers.join(''), signedHeaders, sha256(payload)].join(
    '\n',
  );
  const amzDate = String(req.headers['x-amz-date']);
  const scope = `${date}/us-east-1/ce/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  let key = hmac(`AWS4${secret}`, date);
  for (const part of ['us-east-1', 'ce', 'aws4_request']) key = hmac(key, part);
  return hmac(key, toSign).toString('hex') === signature;
}
