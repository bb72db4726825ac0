import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { guardedPost, targetPolicy } from '../src/webhooks/webhook-targets';

describe('which addresses webhook deliveries may reach', () => {
  const publicOnly = targetPolicy([]);

  it('when an address is public, then it is allowed', () => {
    for (const address of ['8.8.8.8', '145.97.10.1', '2001:4860:4860::8888']) {
      expect(publicOnly.refusal(address)).toBeUndefined();
    }
  });

  it('when an address is loopback, private, link-local, shared, unique-local, multicast or unspecified, then it is refused', () => {
    const refused = [
      '127.0.0.1',
      '10.0.0.7',
      '172.16.4.4',
      '192.168.178.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '::1',
      '::',
      'fd12:3456::1',
      'fe80::1',
      '::ffff:127.0.0.1',
    ];

    for (const address of refused) {
      expect([address, publicOnly.refusal(address)]).toEqual([
        address,
        expect.stringContaining('which deliveries may not reach'),
      ]);
    }
  });

  it('when the operator allows a network, then its addresses are allowed and others stay refused', () => {
    const policy = targetPolicy(['127.0.0.0/8', '10.81.0.0/24']);

    expect(policy.refusal('127.0.0.1')).toBeUndefined();
    expect(policy.refusal('::ffff:127.0.0.1')).toBeUndefined();
    expect(policy.refusal('10.81.0.9')).toBeUndefined();
    expect(policy.refusal('10.82.0.9')).toContain('private');
    expect(policy.refusal('::1')).toContain('loopback');
  });
});

describe('sending a delivery', () => {
  let server: Server;
  let port: number;
  const received: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push(body);
        res.writeHead(req.url === '/moved' ? 302 : 204, { location: 'http://127.0.0.1/' }).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('when loopback is allowed, then the body is posted and the status comes back; a redirect is not followed', async () => {
    const post = guardedPost(targetPolicy(['127.0.0.0/8']));

    await expect(post(`http://127.0.0.1:${String(port)}/hook`, {}, '{"n":1}', 2_000)).resolves.toBe(204);
    await expect(post(`http://localhost:${String(port)}/moved`, {}, '{"n":2}', 2_000)).resolves.toBe(302);
    expect(received.slice(-2)).toEqual(['{"n":1}', '{"n":2}']);
  });

  it('when the URL is an internal address, or a name that resolves to one, then nothing is sent', async () => {
    const post = guardedPost(targetPolicy([]));
    const before = received.length;

    await expect(post(`http://127.0.0.1:${String(port)}/hook`, {}, '{}', 2_000)).rejects.toThrow('loopback');
    await expect(post(`http://localhost:${String(port)}/hook`, {}, '{}', 2_000)).rejects.toThrow(
      /localhost: .*loopback/,
    );
    expect(received).toHaveLength(before);
  });
});
