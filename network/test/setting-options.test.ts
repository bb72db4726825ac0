import { settingChanges } from '../src/node/node-commands';

const elapsed = (): string => '0 s';

describe('the settings a scheme proposal changes from the command line', () => {
  it('when settings are named, then only those change, by their ledger names', () => {
    expect(settingChanges({ elapsed, 'offline-bookings-per-day': '3', 'card-uses-per-day': '2' })).toEqual({
      offlineBookingsPerDay: 3,
      cardUsesPerDay: 2,
    });
    expect(settingChanges({ elapsed, 'reversal-window': '600', 'offline-window': '86400' })).toEqual({
      reversalWindowSeconds: 600,
      offlineWindowSeconds: 86_400,
    });
    expect(settingChanges({ elapsed })).toEqual({});
  });

  it('when a setting is not a whole number, then it is refused naming the option', () => {
    expect(() => settingChanges({ elapsed, 'card-uses-per-day': 'two' })).toThrow(
      "--card-uses-per-day must be a whole number, not 'two'",
    );
  });
});
