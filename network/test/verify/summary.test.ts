import { summaryLines } from '../../src/verify/summary';
import { failuresOf, uncomparedOf, type VerifyReport } from '../../src/verify/verify';

const passing: VerifyReport = {
  org: 'svb',
  source: "svb's peer",
  chain: {
    blocks: 19,
    configBlocks: [0],
    validTransactions: 20,
    invalidTransactions: 1,
    headHash: 'ab',
    problems: [],
  },
  truncatedTail: false,
  replayProblems: [],
  books: { passes: 3, vouchers: 1, redemptions: 2, claims: 1 },
  state: { compared: 3, withheld: { passes: 3 }, mismatches: [] },
  heads: [{ org: 'gemeente', height: 19 }],
  files: ['/out/claims.csv'],
  seconds: { chain: 0.5, state: 2, heads: 0.25 },
};

describe('the summary of a verify run', () => {
  test('when every check passed, then the summary says so and nothing fails', () => {
    const text = summaryLines(passing).join('\n');

    expect(failuresOf(passing)).toEqual([]);
    expect(text).toContain('20 valid, 1 invalid');
    expect(text).toContain('gemeente: height 19, same blocks');
    expect(text).toContain("not shown to this organisation's admin: 3 passes");
    expect(text).toContain('Every check passed.');
    expect(text).toContain('chain 0.5 s (42 transactions a second), peer state 2.0 s, other peers 0.3 s');
  });

  test('when a block is altered and another peer forked, then each failure names its block', () => {
    const failing: VerifyReport = {
      ...passing,
      chain: {
        ...passing.chain,
        problems: [{ block: 7, code: 'DATA_HASH_MISMATCH', message: 'block 7 ...' }],
      },
      heads: [{ org: 'gemeente', height: 19, firstDifferentBlock: 12 }],
    };

    expect(failuresOf(failing)).toEqual([
      'block 7: DATA_HASH_MISMATCH block 7 ...',
      "block 12: gemeente's peer holds a different block",
    ]);
    expect(summaryLines(failing)).toContain('FAILED (2):');
  });

  test('when the other organisations’ peers could not be reached, then the run is not a pass and says whom it missed', () => {
    const alone: VerifyReport = {
      ...passing,
      heads: [
        { org: 'gemeente', unreachable: 'connect ECONNREFUSED 127.0.0.1:7051' },
        { org: 'venues', unreachable: 'connect ECONNREFUSED 127.0.0.1:9051' },
      ],
    };
    const lines = summaryLines(alone);

    expect(failuresOf(alone)).toEqual([]);
    expect(uncomparedOf(alone)).toEqual([
      "could not compare with gemeente's peer: connect ECONNREFUSED 127.0.0.1:7051",
      "could not compare with venues's peer: connect ECONNREFUSED 127.0.0.1:9051",
    ]);
    expect(lines).toContain('NOT CONFIRMED (2):');
    expect(lines).not.toContain('Every check passed.');
  });
});
