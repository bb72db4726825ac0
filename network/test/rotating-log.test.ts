import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRotatingLog } from '../src/processes/rotating-log';

function logFolder(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'rotating-log-'));
  return { dir, file: join(dir, 'peer-gemeente.log') };
}

const read = (file: string): string => readFileSync(file, 'utf8');

describe('a rotating log', () => {
  test('when a write would take the file over the cap, then the file is rotated first and the write goes to a fresh file', () => {
    const { file } = logFolder();
    const log = openRotatingLog({ file, maxBytes: 10, keep: 3 });

    log.write('aaaaaaa\n');
    log.write('bbbbbbb\n');
    log.close();

    expect(read(`${file}.1`)).toBe('aaaaaaa\n');
    expect(read(file)).toBe('bbbbbbb\n');
  });

  test('when it rotates more often than keep, then at most keep old files remain, newest first, and the oldest is dropped', () => {
    const { dir, file } = logFolder();
    const log = openRotatingLog({ file, maxBytes: 4, keep: 2 });

    for (const line of ['one\n', 'two\n', 'thr\n', 'fou\n']) {
      log.write(line);
    }
    log.close();

    expect(readdirSync(dir).sort()).toEqual([
      'peer-gemeente.log',
      'peer-gemeente.log.1',
      'peer-gemeente.log.2',
    ]);
    expect([read(file), read(`${file}.1`), read(`${file}.2`)]).toEqual(['fou\n', 'thr\n', 'two\n']);
  });

  test('when one write is larger than the cap, then it is spread over files that each stay within the cap', () => {
    const { file } = logFolder();
    const log = openRotatingLog({ file, maxBytes: 4, keep: 5 });

    log.write('0123456789');
    log.close();

    expect([read(`${file}.2`), read(`${file}.1`), read(file)]).toEqual(['0123', '4567', '89']);
    expect(existsSync(`${file}.3`)).toBe(false);
  });

  test('when keep is 0, then rotating starts the file over and leaves no old files', () => {
    const { dir, file } = logFolder();
    const log = openRotatingLog({ file, maxBytes: 4, keep: 0 });

    log.write('abc\n');
    log.write('def\n');
    log.close();

    expect(readdirSync(dir)).toEqual(['peer-gemeente.log']);
    expect(read(file)).toBe('def\n');
  });

  test('when the log file exists, then new lines are appended and its size counts towards the cap', () => {
    const { file } = logFolder();
    writeFileSync(file, 'old\n');
    const log = openRotatingLog({ file, maxBytes: 8, keep: 1 });

    log.write('new\n');
    log.write('more\n');
    log.close();

    expect(read(`${file}.1`)).toBe('old\nnew\n');
    expect(read(file)).toBe('more\n');
  });

  test('when files are created or reopened, then only their owner may read them', () => {
    const { file } = logFolder();
    writeFileSync(file, '');
    chmodSync(file, 0o644);
    const log = openRotatingLog({ file, maxBytes: 4, keep: 1 });

    log.write('abc\n');
    log.write('def\n');
    log.close();

    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(`${file}.1`).mode & 0o777).toBe(0o600);
  });

  test('when the cap is not a positive integer, then opening the log fails', () => {
    const { file } = logFolder();

    expect(() => openRotatingLog({ file, maxBytes: 0, keep: 1 })).toThrow(RangeError);
    expect(() => openRotatingLog({ file, maxBytes: 10, keep: -1 })).toThrow(RangeError);
  });
});
