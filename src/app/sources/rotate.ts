import { AppError } from '../../domain/errors.ts';
import { newMasterKey, parseMasterKey, seal } from '../../lib/crypto.ts';
import type { AppContext } from '../context.ts';
import { loadKeyring, nextKeyFile, openSecret, promoteNextKey, writeKeyFile } from '../secrets.ts';

export interface RotateResult {
  reencrypted: number;
  keyId: string;
  /** The new key, when the old one came from SPENDLENS_MASTER_KEY and none was given: set it before the next start. */
  newKey: string | null;
}

/**
 * `spendlens keys rotate`: re-encrypts every stored secret (all orgs) under a new master key. With a
 * key file, the new key is written beside it first (`master.key.next`, 0600) and replaces it only once
 * every secret is re-sealed, so an interrupted rotation loses nothing: the next start reads both.
 */
export async function rotateKeys(ctx: AppContext, given?: string): Promise<RotateResult> {
  const ring = loadKeyring(ctx.config);
  const generated = given ? null : newMasterKey();
  const next = given ? parseMasterKey(given) : (generated?.key ?? newMasterKey().key);
  if (next.id === ring.current.id) throw new AppError('bad_request', 'the new master key is the current one');
  if (ring.origin === 'file') writeKeyFile(nextKeyFile(ctx.config), given ?? generated?.text ?? '');
  let reencrypted = 0;
  for (const row of await ctx.sources.listSources(null)) {
    if (!row.secret) continue;
    const plain = openSecret(ring, row.secret, row.id);
    await ctx.sources.putSource({ ...row, secret: seal(plain, next), updatedAt: ctx.now() });
    reencrypted++;
  }
  // Alert channels' URLs and passwords are sealed the same way.
  for (const row of await ctx.alerting.listChannels(null)) {
    if (!row.secret) continue;
    const plain = openSecret(ring, row.secret, `channel ${row.id}`);
    await ctx.alerting.putChannel({ ...row, secret: seal(plain, next), updatedAt: ctx.now() });
    reencrypted++;
  }
  if (ring.origin === 'file') promoteNextKey(ctx.config);
  const newKey = ring.origin === 'env' && generated ? generated.text : null;
  return { reencrypted, keyId: next.id, newKey };
}
