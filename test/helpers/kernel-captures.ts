import { readdirSync } from 'node:fs';

/** Every kernel fixture's capture (fixtures/kernel/<name>/capture.pcap), by name, then the demo: a run over all of them raises most finding kinds. */
export function kernelCapturesAndDemo(): string[] {
  return [
    ...readdirSync('fixtures/kernel', { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => `fixtures/kernel/${d.name}/capture.pcap`)
      .sort(),
    'fixtures/demo/service-leak.pcap',
  ];
}
