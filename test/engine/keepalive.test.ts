// Keep-alive on a stack endpoint (RFC 9293 §3.8.4; Linux tcp_keepalive_timer): off by default,
// probes <SEQ=SND.NXT-1><ACK=RCV.NXT><CTL=ACK> with no data after tcp_keepalive_time of silence,
// every tcp_keepalive_intvl, and a RST with ETIMEDOUT after tcp_keepalive_probes unanswered.
import * as assert from 'node:assert/strict';
import type { ProfileName } from '../../src/engine/tcp/profile';
import { Harness, flagsOf } from './harness';

/** An ESTABLISHED client at t = 0 with keep-alive on, and `overrides` (seconds) applied. */
function idleClient(profile: ProfileName, overrides: { time?: number; intvl?: number; probes?: number } = {}): { h: Harness; iss: number; irs: number } {
  const h = new Harness(profile);
  const { iss, irs } = h.established();
  h.settings.keepalive = true;
  if (overrides.time !== undefined) h.settings.tcp_keepalive_time = overrides.time * 1e6;
  if (overrides.intvl !== undefined) h.settings.tcp_keepalive_intvl = overrides.intvl * 1e6;
  if (overrides.probes !== undefined) h.settings.tcp_keepalive_probes = overrides.probes;
  h.endpoint.settingsChanged();
  return { h, iss, irs };
}

/** Runs until `seconds` and returns what was sent, with send times. */
function sentUntil(h: Harness, seconds: number): { at: number; flags: string; seq: number; ack: number; len: number }[] {
  h.runFor(seconds - h.network.now / 1e6);
  return h.out.splice(0).map(({ at, seg }) => ({ at, flags: flagsOf(seg), seq: seg.seq, ack: seg.ack, len: seg.payload.length }));
}

for (const profile of ['linux', 'rfc9293'] as const) {
  describe(`keep-alive (${profile} profile)`, () => {
    it('is off by default (MUST-24): an idle connection sends nothing for hours', () => {
      const h = new Harness(profile);
      h.established();
      assert.equal(h.settings.keepalive, false);
      assert.deepEqual(sentUntil(h, 20000), []);
      assert.equal(h.state, 'ESTABLISHED');
    });

    it('defaults: first probe after 7200 s idle, then every 75 s; 9 unanswered → RST and ETIMEDOUT at 7875 s', () => {
      const { h, iss, irs } = idleClient(profile);
      assert.equal(h.settings.tcp_keepalive_time, 7200e6);
      const out = sentUntil(h, 8000);
      const probes = out.filter((p) => p.flags === 'ACK');
      assert.deepEqual(
        probes.map((p) => p.at),
        [0, 1, 2, 3, 4, 5, 6, 7, 8].map((k) => 7200 + 75 * k),
      );
      for (const p of probes) assert.deepEqual([p.seq, p.ack, p.len], [(iss + 1 - 1) >>> 0, irs + 1, 0]);
      const rst = out.filter((p) => p.flags.includes('RST'));
      assert.deepEqual(rst.map((p) => [p.at, p.flags, p.seq, p.ack]), [[7875, 'ACK,RST', iss + 1, irs + 1]]);
      assert.equal(h.state, 'CLOSED');
      assert.equal(h.endpoint.error, 'ETIMEDOUT');
    });

    it('answered probes keep the connection ESTABLISHED; each answer restarts the idle time', () => {
      const { h, iss, irs } = idleClient(profile, { time: 60, intvl: 10, probes: 3 });
      const first = sentUntil(h, 60);
      assert.deepEqual(first.map((p) => [p.at, p.flags, p.seq, p.len]), [[60, 'ACK', iss, 0]]);
      h.recv({ flags: ['ACK'], seq: irs + 1, ack: iss + 1 }); // the peer's keep-alive ACK
      // The next probe waits a full tcp_keepalive_time after the answer, not tcp_keepalive_intvl.
      assert.deepEqual(sentUntil(h, 119).map((p) => p.at), []);
      assert.deepEqual(sentUntil(h, 120).map((p) => [p.at, p.flags]), [[120, 'ACK']]);
      h.recv({ flags: ['ACK'], seq: irs + 1, ack: iss + 1 });
      assert.deepEqual(sentUntil(h, 179), []);
      assert.equal(h.state, 'ESTABLISHED');
      assert.equal(h.endpoint.error, null);
    });

    it('unanswered: probes at time, +intvl, …; the RST goes out at time + probes × intvl, not after one lost probe (MUST-29)', () => {
      const { h } = idleClient(profile, { time: 60, intvl: 10, probes: 3 });
      const out = sentUntil(h, 200);
      assert.deepEqual(out.map((p) => [p.at, p.flags]), [[60, 'ACK'], [70, 'ACK'], [80, 'ACK'], [90, 'ACK,RST']]);
      assert.equal(h.endpoint.error, 'ETIMEDOUT');
    });

    it('data received restarts the idle time: the timer waits out the rest of tcp_keepalive_time', () => {
      const { h, iss, irs } = idleClient(profile, { time: 60, intvl: 10, probes: 3 });
      h.runFor(30);
      h.recv({ flags: ['PSH', 'ACK'], seq: irs + 1, ack: iss + 1, data: 'hi' });
      const out = sentUntil(h, 95).filter((p) => p.len === 0 && p.seq === iss);
      assert.deepEqual(out.map((p) => p.at), [90]);
    });
  });
}
