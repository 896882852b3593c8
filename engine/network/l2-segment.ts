// An Ethernet segment with a learning switch: the node network all nodes' uplinks share (172.18.0.0/16, as kind's).

import type { EthernetDevice } from './device.ts';

export class L2Segment {
  readonly devices = new Set<EthernetDevice>();
  private readonly byMac = new Map<string, EthernetDevice>();

  constructor(readonly name: string) {}

  attach(device: EthernetDevice): void {
    device.segment = this;
    this.devices.add(device);
    this.byMac.set(device.mac, device);
  }

  detach(device: EthernetDevice): void {
    device.segment = undefined;
    this.devices.delete(device);
    this.byMac.delete(device.mac);
  }

  /** The device a frame to `mac` reaches. */
  port(mac: string): EthernetDevice | undefined {
    return this.byMac.get(mac);
  }
}
