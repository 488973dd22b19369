import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyRequest } from 'fastify';
import { clientAddress } from '../../../src/http/client-address.ts';

/** The two parts of a request clientAddress reads: the socket peer and the headers. */
const request = (peer: string, forwardedFor?: string | string[]): FastifyRequest =>
  ({
    raw: { socket: { remoteAddress: peer } },
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  }) as unknown as FastifyRequest;

describe('clientAddress', () => {
  it('uses the socket peer and ignores X-Forwarded-For when no proxy is trusted', () => {
    assert.equal(clientAddress(request('203.0.113.7', '198.51.100.1'), 0), '203.0.113.7');
  });

  it('takes the entry the trusted proxy appended, not what the client wrote before it', () => {
    const forged = request('10.16.3.80', '1.1.1.1, 198.51.100.1');
    assert.equal(clientAddress(forged, 1), '198.51.100.1');
    assert.equal(clientAddress(forged, 2), '1.1.1.1');
  });

  it('reads repeated headers as one list', () => {
    assert.equal(clientAddress(request('10.0.0.1', ['1.1.1.1', '198.51.100.1']), 1), '198.51.100.1');
  });

  it('falls back to the leftmost address when there are fewer entries than trusted hops', () => {
    assert.equal(clientAddress(request('10.0.0.1', '198.51.100.1'), 3), '198.51.100.1');
    assert.equal(clientAddress(request('10.0.0.1'), 1), '10.0.0.1');
  });

  it('groups IPv6 clients by /64 and maps IPv4-mapped addresses to IPv4', () => {
    const a = clientAddress(request('2001:db8:1:2::10'), 0);
    const b = clientAddress(request('2001:db8:1:2:ffff::1'), 0);
    assert.equal(a, b);
    assert.notEqual(a, clientAddress(request('2001:db8:1:3::10'), 0));
    assert.equal(clientAddress(request('::ffff:203.0.113.7'), 0), '203.0.113.7');
  });

  it('keeps a junk entry as a bounded key instead of failing', () => {
    const key = clientAddress(request('10.0.0.1', `${'Z'.repeat(5000)}`), 1);
    assert.equal(key, 'z'.repeat(64));
  });
});
