import { kindCpuTable, type KindCpu, type StepCpu } from '../src/cpu-table';
import { KINDS, type Kind } from '../src/kinds';

function kind(operations: number, used: Record<string, number>): KindCpu {
  return { operations, usedMs: new Map(Object.entries(used)) };
}

describe('kindCpuTable', () => {
  const byKind = new Map<Kind, KindCpu>(KINDS.map((k) => [k, kind(0, {})]));
  byKind.set('redeem-direct', kind(100, { 'peer-a': 400, 'chaincode-a': 300, bench: 100 }));
  byKind.set('trivial-direct', kind(200, { 'peer-a': 400, 'chaincode-a': 100, bench: 200 }));
  byKind.set('scan-direct', kind(50, { 'chaincode-a': 50 }));
  const step: StepCpu = { inFlight: 64, usedMs: new Map(), committed: 300, byKind };

  it('when kinds used CPU, then each process shows ms per operation of each kind and what a redemption adds', () => {
    const [header, ...rows] = kindCpuTable(step);

    expect(header?.[0]).toBe('CPU ms per operation, 64 in flight');
    expect(header?.at(-1)).toBe('redeem − trivial, direct');
    // Rows are the busiest first for the direct redemption; columns follow KINDS.
    expect(rows.map((r) => r[0])).toEqual(['peer-a', 'chaincode-a', 'bench', 'all of the above']);
    expect(rows[0]).toEqual(['peer-a', '4.00', '–', '2.00', '0.00', '–', '2.00']);
    expect(rows[1]).toEqual(['chaincode-a', '3.00', '–', '0.50', '1.00', '–', '2.50']);
    expect(rows[3]).toEqual(['all of the above', '8.00', '–', '3.50', '1.00', '–', '4.50']);
  });
});
