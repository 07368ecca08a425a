import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CaptureQualityDetector } from '../../src/detect/capture-quality.js';
import { DecodeStatus, newDecodedPacket } from '../../src/model/decoded.js';
import { Analysis } from '../../src/model/events.js';
import { newPacketRecord } from '../../src/model/packet.js';
import { Capture, T0 } from '../helpers/flow-builder.js';

describe('capture-quality', () => {
  test('snaplen-cut records (frames 2-3) and a timestamp going backwards (frame 4) are info findings', () => {
    const d = new CaptureQualityDetector();
    const p = newDecodedPacket();
    p.status = DecodeStatus.NOT_IP;
    const rec = newPacketRecord();
    const times = [0, 1, 2, 1.5];
    times.forEach((t, i) => {
      rec.caplen = i === 1 || i === 2 ? 96 : 1500;
      rec.origLen = 1500;
      d.record(p, rec, i + 1, T0 + t);
    });
    const fs = d.findings({ firstTs: T0, lastTs: T0 + 2, captures: [] });
    const kinds = Object.fromEntries(fs.map((f) => [f.details!.kind, f]));
    assert.deepEqual(kinds.truncated!.frames, [2, 3]);
    assert.deepEqual(kinds['timestamps-backwards']!.frames, [4]);
    assert.ok(fs.every((f) => f.severity === 'info'));
  });

  test('segments flagged ACK_LOST_SEGMENT (frame 4) become one acked-unseen finding naming the flow', () => {
    const d = new CaptureQualityDetector();
    const cap = new Capture([d]);
    const f = cap.flow();
    f.handshake(0);
    f.s(1, { f: 'A', an: Analysis.ACK_LOST_SEGMENT });
    const [x] = cap.findings(d);
    assert.equal(x!.details!.kind, 'acked-unseen');
    assert.deepEqual(x!.frames, [4]);
    assert.deepEqual(x!.flowIds, [1]);
  });

  test('a clean capture gives nothing', () => {
    const d = new CaptureQualityDetector();
    const cap = new Capture([d]);
    cap.flow().handshake(0);
    assert.deepEqual(cap.findings(d), []);
  });
});

// fixtures/kernel/refused: 1 of its 2 packets (frame 1) carries an offloaded
// checksum; too few packets for the "nearly all bad" rule, but the offload
// signature alone tells it apart from corruption on the wire.
test('a bad checksum with the offload signature is reported as checksum offload, however few packets there are', async () => {
  const { analyze } = await import('../../src/analyze.js');
  const report = await analyze(['fixtures/kernel/refused/capture.pcap']);
  const q = report.findings.find((f) => f.id === 'capture-quality');
  assert.equal(q?.details?.kind, 'checksum-offload');
  assert.deepEqual(q?.frames, [1]);
});
