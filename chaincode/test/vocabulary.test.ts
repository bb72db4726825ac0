import { ChaincodeError } from '../src/errors';
import { ERROR_CODES, EVENT_NAMES, errorCodeOf, isErrorCode, type EventPayloads } from '../src/vocabulary';

describe('vocabulary', () => {
  it('when a chaincode error message is read, then its code is found', () => {
    const error = new ChaincodeError('PASS_BLOCKED', 'pass SP-1 is blocked');

    expect(error.message).toBe('PASS_BLOCKED: pass SP-1 is blocked');
    expect(errorCodeOf(error.message)).toBe('PASS_BLOCKED');
  });

  it('when the peer wraps the message, then the code is still found', () => {
    expect(errorCodeOf('chaincode response 500, INSUFFICIENT_BALANCE: 0 left')).toBe('INSUFFICIENT_BALANCE');
  });

  it('when a message carries no code of the catalogue, then none is found', () => {
    expect(errorCodeOf('SOMETHING_ELSE: no')).toBeUndefined();
    expect(errorCodeOf('plain failure')).toBeUndefined();
    expect(isErrorCode('FORBIDDEN')).toBe(true);
    expect(isErrorCode('forbidden')).toBe(false);
  });

  it('when the catalogue is listed, then codes and event names are unique', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    expect(new Set(EVENT_NAMES).size).toBe(EVENT_NAMES.length);
  });

  it('when the event list is compared with the payload map, then every event is listed', () => {
    // A missing key here fails to compile: the record must name every event of EventPayloads.
    const listed: Record<keyof EventPayloads, true> = Object.fromEntries(
      EVENT_NAMES.map((name) => [name, true]),
    ) as Record<keyof EventPayloads, true>;
    expect(Object.keys(listed)).toHaveLength(34);
  });
});
