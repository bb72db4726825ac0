import { parseBenchOptions } from '../src/options';

describe('parseBenchOptions', () => {
  it('when nothing is given, then the sweep runs 1, 4, 16, 64 and 128 in flight', () => {
    expect(parseBenchOptions([])).toEqual({
      inFlight: [1, 4, 16, 64, 128],
      count: 400,
      rounds: 2,
      stepSeconds: 40,
      batchIssue: 0,
      batchInFlight: 2,
      offlineSettle: 0,
      migration: 0,
      year: 0,
    });
  });

  it('when a year is asked, then it is read at its scale, Groningen by default; a scale out of range is refused', () => {
    expect(parseBenchOptions(['--year'])).toMatchObject({ year: 1 });
    expect(parseBenchOptions(['--year', '--scale', '0.01'])).toMatchObject({ year: 0.01 });
    expect(() => parseBenchOptions(['--year', '--scale', '0'])).toThrow(/--scale must be a number above 0/);
    expect(() => parseBenchOptions(['--year', '--scale', 'x'])).toThrow(/usage/);
  });

  it('when offline settlement is asked, then it is read with its steps', () => {
    expect(parseBenchOptions(['--offline-settle', '200', '--in-flight', '1,16'])).toMatchObject({
      offlineSettle: 200,
      inFlight: [1, 16],
    });
    expect(() => parseBenchOptions(['--offline-settle', '0'])).toThrow('--offline-settle must be a positive');
  });

  it('when steps and a batch issue are given, then they are read', () => {
    const options = parseBenchOptions(['--in-flight', '2, 8', '--count', '50', '--batch-issue', '1000']);
    expect(options).toMatchObject({ inFlight: [2, 8], count: 50, batchIssue: 1000 });
  });

  it('when a number is not a positive whole number, then it refuses with the usage', () => {
    expect(() => parseBenchOptions(['--in-flight', '4,x'])).toThrow(
      /--in-flight must be a positive whole number.*\n.*usage/,
    );
    expect(() => parseBenchOptions(['--count', '0'])).toThrow('--count must be a positive whole number');
  });

  it('when an option is unknown, then it refuses with the usage', () => {
    expect(() => parseBenchOptions(['--concurrency', '8'])).toThrow(/usage/);
  });
});
