import { StatePaths } from '../src/description/paths';
import { withRetries } from '../src/processes/retry';

const paths = new StatePaths('/state');
const peer = { name: 'peer-gemeente', port: 7051 };

describe('retrying a start-up step', () => {
  test('when the step fails once and then succeeds, then its result comes back', async () => {
    let calls = 0;

    const result = await withRetries(
      paths,
      peer,
      'listing channels',
      () => {
        calls += 1;
        return calls === 1 ? Promise.reject(new Error('connection refused')) : Promise.resolve('stadspas');
      },
      3,
      1,
    );

    expect(result).toBe('stadspas');
    expect(calls).toBe(2);
  });

  test('when the step keeps failing, then it gives up after the attempts, naming the process, port and log', async () => {
    let calls = 0;
    const failing = (): Promise<never> => {
      calls += 1;
      return Promise.reject(new Error('dial tcp 127.0.0.1:7051: connect: connection refused'));
    };

    await expect(withRetries(paths, peer, 'listing channels', failing, 3, 1)).rejects.toThrow(
      'listing channels failed 3 times against peer-gemeente (port 7051); see /state/gemeente/logs/peer-gemeente.log. ' +
        'Last error: dial tcp 127.0.0.1:7051: connect: connection refused',
    );
    expect(calls).toBe(3);
  });
});
