import { createHash } from 'node:crypto';
import { compareKeys } from '../../src/verify/compare-keys';

const key = (...parts: string[]): string => `\u0000${parts.join('\u0000')}\u0000`;
const digest = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A peer whose chaincode holds these keys and values, served a page of at most two keys at a time. */
function peerHolding(
  held: Record<string, string>,
): (transaction: string, request: object) => Promise<unknown> {
  return (transaction, request) => {
    const { keyType, bookmark } = request as { keyType: string; bookmark: string };
    const keys = Object.keys(held)
      .filter((k) => k.startsWith(`\u0000${keyType}\u0000`))
      .sort()
      .filter((k) => bookmark === '' || k >= bookmark);
    const items = keys.slice(0, 2).map((k) => ({ key: k, sha256: digest(held[k] ?? '') }));
    return Promise.resolve(
      transaction === 'config:ListStateDigests'
        ? { items, bookmark: keys[2] ?? '', fetchedCount: items.length }
        : undefined,
    );
  };
}

describe('comparing every replayed key with the peer', () => {
  const replayed = new Map<string, Uint8Array>([
    [key('pass', 'SP-1'), Buffer.from('{"a":1}')],
    [key('pass', 'SP-2'), Buffer.from('{"a":2}')],
    [key('pass', 'SP-3'), Buffer.from('{"a":3}')],
    [key('redemption~pass', 'SP-1', 'r1'), Buffer.from([0])],
  ]);

  test('when the peer holds exactly what the blocks wrote, over several pages, then nothing differs', async () => {
    const held = Object.fromEntries([...replayed].map(([k, v]) => [k, Buffer.from(v).toString()]));

    const comparison = await compareKeys(replayed, peerHolding(held));

    expect(comparison).toEqual({ keysCompared: 4, mismatches: [] });
  });

  test('when the peer lacks a key, holds another value, or holds a key no transaction wrote, then each is named', async () => {
    const held = {
      [key('pass', 'SP-1')]: '{"a":1}',
      [key('pass', 'SP-2')]: '{"a":20}',
      [key('redemption~pass', 'SP-1', 'r1')]: '\u0000',
      [key('voucher', 'SP-9', 'swim', '2026')]: '{}',
    };

    const comparison = await compareKeys(replayed, peerHolding(held));

    expect(comparison.mismatches.map((m) => `${m.record}: ${m.message}`)).toEqual([
      'key pass/SP-2: the peer holds another value than the blocks wrote',
      'key pass/SP-3: written by the blocks, missing on the peer',
      'key voucher/SP-9/swim/2026: held by the peer, written by no valid transaction',
    ]);
  });
});
