import { caliperSummaryTable, parseCaliperResults } from '../src/caliper/caliper-results';

const output = `
2026.12.03-17:35:37.447 info [caliper] [report-builder] 	### Test result ###
+-------------+------+------+-----------------+-----------------+-----------------+-----------------+------------------+
| Name        | Succ | Fail | Send Rate (TPS) | Max Latency (s) | Min Latency (s) | Avg Latency (s) | Throughput (TPS) |
|-------------|------|------|-----------------|-----------------|-----------------|-----------------|------------------|
| redeem      | 50   | 1    | 11.0            | 0.38            | 0.07            | 0.30            | 10.0             |
+-------------+------+------+-----------------+-----------------+-----------------+-----------------+------------------+
### All test results ###
| Name          | Succ | Fail | Send Rate (TPS) | Max Latency (s) | Min Latency (s) | Avg Latency (s) | Throughput (TPS) |
|---------------|------|------|-----------------|-----------------|-----------------|-----------------|------------------|
| redeem        | 54   | 0    | 11.0            | 0.38            | 0.07            | 0.33            | 10.4             |
|---------------|------|------|-----------------|-----------------|-----------------|-----------------|------------------|
| scan          | 892  | 0    | 182.6           | 0.07            | 0.01            | 0.03            | 182.1            |
| trivial-write | 97   | 0    | 19.6            | 0.35            | 0.04            | 0.30            | 13.0             |
| batch-issue   | 4    | 0    | 13.6            | 0.43            | 0.09            | 0.31            | 5.6              |
`;

describe('parseCaliperResults', () => {
  it('when Caliper printed its tables, then each round is read from its last row', () => {
    const rounds = parseCaliperResults(output);
    expect(rounds.map((r) => r.name)).toEqual(['redeem', 'scan', 'trivial-write', 'batch-issue']);
    expect(rounds[0]).toEqual({
      name: 'redeem',
      succeeded: 54,
      failed: 0,
      sendRate: 11,
      avgLatencySeconds: 0.33,
      throughput: 10.4,
    });
  });

  it('when there is no table, then there are no rounds', () => {
    expect(parseCaliperResults('Benchmark successfully finished!\n| a | b |')).toEqual([]);
  });
});

describe('caliperSummaryTable', () => {
  it('when the rounds are summarised, then it gives what was in flight, the ratios and the batch rate', () => {
    const table = caliperSummaryTable(parseCaliperResults(output), 100);
    expect(table[1]).toEqual(['redeem', '10.4', '330', '3.4', '0']);
    expect(table.slice(5)).toEqual([
      ['redeem/trivial (≥0.8)', '0.80', '', '', ''],
      ['scan/redeem (≥3)', '17.51', '', '', ''],
      ['batch issue, passes/s', '280.0', '', '', ''],
      ['30,000 passes at that rate, min (≤2)', '1.8', '', '', ''],
    ]);
  });
});
