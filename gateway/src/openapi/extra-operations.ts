import type { ResponseConfig } from '@asteasolutions/zod-to-openapi';
import { errorResponsesOf, routeErrorResponses, type ExtraOperation } from './openapi-document';

const text = (description: string, type: string): ResponseConfig => ({
  description,
  content: { [type]: { schema: { type: 'string' as const } } },
});

/** The operations that are not JSON routes: health, metrics and the event stream. */
export function extraOperations(apiBasePath: string): ExtraOperation[] {
  return [
    {
      method: 'get',
      path: '/health',
      tags: ['operations'],
      summary: 'Peer connectivity and block height of the channel (no key needed)',
      responses: { '200': { description: 'a peer answered' }, '503': { description: 'no peer answered' } },
    },
    {
      method: 'get',
      path: '/metrics',
      tags: ['operations'],
      summary: 'Prometheus metrics, with latency histograms per transaction (no key needed)',
      responses: { '200': text('Prometheus text format', 'text/plain') },
    },
    {
      method: 'get',
      path: `${apiBasePath}/events`,
      tags: ['events'],
      summary:
        'Server-sent events of the chaincode events this client may see. Each event id is <block>.<index>; ' +
        'reconnect with Last-Event-ID (or ?from=<id>) to resume; without either the stream resumes after the ' +
        'last event sent to this API key, kept across gateway restarts; ?from=now starts at the head. A client ' +
        'that leaves its connection full too long (30 s) gets a last event `error` with code STREAM_TOO_SLOW ' +
        'and the stream ends: reconnect with Last-Event-ID.',
      security: [{ apiKey: [] }],
      responses: {
        '200': text('an event stream', 'text/event-stream'),
        ...routeErrorResponses('400', '401'),
        ...errorResponsesOf({
          '503':
            'UNAVAILABLE: the ledger cannot be reached; STREAM_CAPACITY_REACHED: the gateway holds the most ' +
            'event streams it may, over all API keys',
        }),
      },
    },
  ];
}
