import { failuresOf, uncomparedOf, type VerifyReport } from './verify';

function headLine(head: VerifyReport['heads'][number]): string {
  if (head.unreachable !== undefined) {
    return `${head.org}: not reachable (${head.unreachable})`;
  }
  const agreement =
    head.firstDifferentBlock === undefined ? 'same blocks' : `DIFFERS from block ${head.firstDifferentBlock}`;
  return `${head.org}: height ${head.height ?? 0}, ${agreement}`;
}

function stateLines(report: VerifyReport): string[] {
  if (report.state === undefined) {
    return ['  Peer state:        not compared (read from a ledger copy)'];
  }
  const withheld = Object.entries(report.state.withheld).map(([kind, n]) => `${n} ${kind}`);
  const keys = report.keys;
  return [
    `  Peer state:        ${report.state.compared} records compared, ${report.state.mismatches.length} mismatches ` +
      "(every claim, and each pass or booking whose keys differ, through the chaincode's queries)",
    ...(keys === undefined
      ? []
      : [
          `  Peer keys:         ${keys.keysCompared} keys compared by digest, ${keys.mismatches.length} mismatches`,
        ]),
    ...(withheld.length
      ? [`                     not shown to this organisation's admin: ${withheld.join(', ')}`]
      : []),
  ];
}

function timeLine(report: VerifyReport): string {
  const { chain, state, heads } = report.seconds;
  const transactions = report.chain.validTransactions + report.chain.invalidTransactions;
  const rate = chain > 0 ? ` (${Math.round(transactions / chain)} transactions a second)` : '';
  const s = (seconds: number): string => `${seconds.toFixed(1)} s`;
  return `  Time:              chain ${s(chain)}${rate}, peer state ${s(state)}, other peers ${s(heads)}`;
}

/** The one-screen summary of a verify run, as lines. Never throws. */
export function summaryLines(report: VerifyReport): string[] {
  const { chain, books } = report;
  const failures = failuresOf(report);
  const uncompared = uncomparedOf(report);
  return [
    `Books of ${report.org}, read from ${report.source}`,
    `  Blocks:            ${chain.blocks}${report.truncatedTail ? ' (a last block still being written was left out)' : ''}`,
    `  Transactions:      ${chain.validTransactions} valid, ${chain.invalidTransactions} invalid`,
    `  Config blocks:     ${chain.configBlocks.join(', ') || 'none'}`,
    `  Head hash:         ${chain.headHash || '-'}`,
    `  Peers compared:    ${report.heads.length ? report.heads.map(headLine).join('; ') : 'none'}`,
    `  Records rebuilt:   ${books.passes} passes, ${books.vouchers} vouchers, ${books.redemptions} redemptions, ${books.claims} claims`,
    ...stateLines(report),
    `  CSV files:         ${report.files.join(', ')}`,
    timeLine(report),
    failures.length === 0 ? '' : `FAILED (${failures.length}):`,
    ...failures.map((failure) => `  ${failure}`),
    uncompared.length === 0 ? '' : `NOT CONFIRMED (${uncompared.length}):`,
    ...uncompared.map((line) => `  ${line}`),
    failures.length === 0 && uncompared.length === 0 ? 'Every check passed.' : '',
  ].filter((line) => line !== '');
}
