import { lookup as dnsLookup } from 'node:dns';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { AppError } from '../errors/app-error';
import type { PostFunction } from './attempt-delivery';

/**
 * Which addresses a delivery may connect to: public unicast addresses, and any address inside the networks the
 * gateway's operator allows. Everything else (loopback, private, link-local such as a cloud's metadata service,
 * unique-local, multicast, reserved) is refused, so a registered URL cannot make the gateway reach into the
 * network it runs in.
 */
export interface TargetPolicy {
  /** Why the address may not be connected to; undefined when it may. */
  refusal(address: string): string | undefined;
}

/** The policy that allows public addresses and the given networks (`address/prefix`). */
export function targetPolicy(allowedNetworks: readonly string[]): TargetPolicy {
  const networks = allowedNetworks.map((cidr) => ipaddr.parseCIDR(cidr));
  return {
    refusal(address) {
      // An IPv4 address written as IPv6 (::ffff:127.0.0.1) is judged as the IPv4 address it is.
      const parsed = ipaddr.process(address);
      if (
        networks.some(([network, bits]) => network.kind() === parsed.kind() && parsed.match(network, bits))
      ) {
        return undefined;
      }
      const range = parsed.range();
      return range === 'unicast'
        ? undefined
        : `${address} is a ${range} address, which deliveries may not reach`;
    },
  };
}

/**
 * Why the policy refuses a URL whose host is an IP address (connecting to one asks no DNS lookup, so the guarded
 * lookup never sees it); undefined for an allowed address or a host name.
 */
function literalRefusal(url: URL, policy: TargetPolicy): string | undefined {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return isIP(host) === 0 ? undefined : policy.refusal(host);
}

/**
 * Refuses a webhook URL whose host is an IP address the policy refuses. A host name is judged when a delivery
 * connects, against every address it resolves to then.
 *
 * @throws {AppError} WEBHOOK_TARGET_NOT_ALLOWED.
 */
export function requireAllowedTarget(url: string, policy: TargetPolicy): void {
  const refusal = literalRefusal(new URL(url), policy);
  if (refusal !== undefined) {
    throw new AppError('WEBHOOK_TARGET_NOT_ALLOWED', refusal);
  }
}

/**
 * A DNS lookup for connections that fails when any address of the name is refused: a name that points at an
 * internal address (or is made to, between registration and delivery) reaches nothing.
 */
export function guardedLookup(policy: TargetPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) {
        callback(error, '', undefined);
        return;
      }
      const refusal = addresses.map(({ address }) => policy.refusal(address)).find((r) => r !== undefined);
      const [first] = addresses;
      if (refusal !== undefined || first === undefined) {
        callback(new Error(`${hostname}: ${refusal ?? 'resolves to no address'}`), '', undefined);
      } else if (options.all === true) {
        callback(null, addresses);
      } else {
        callback(null, first.address, first.family);
      }
    });
  };
}

/**
 * Sends a delivery with node's HTTP client, connecting only to addresses the policy allows. Redirects are not
 * followed (a 3xx counts as a failure); the answer's body is discarded. Its connections are kept alive in agents
 * of its own, so no connection made under another policy is reused.
 */
export function guardedPost(policy: TargetPolicy): PostFunction {
  const lookup = guardedLookup(policy);
  const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };
  return (url, headers, body, timeoutMs) =>
    new Promise((resolve, reject) => {
      const target = new URL(url);
      const refusal = literalRefusal(target, policy);
      if (refusal !== undefined) {
        reject(new Error(refusal));
        return;
      }
      const secure = target.protocol === 'https:';
      const send = secure ? httpsRequest : httpRequest;
      const request = send(
        target,
        {
          agent: secure ? agents.https : agents.http,
          method: 'POST',
          headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
          lookup,
          signal: AbortSignal.timeout(timeoutMs),
        },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      request.on('error', reject);
      request.end(body);
    });
}
