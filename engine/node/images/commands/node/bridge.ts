// bridge link|fdb [show]: the bridge ports and forwarding databases of the program's namespace (cni0 and each pod's
// veth in the node's), as iproute2's bridge prints them.

import { renderBridgeFdb, renderBridgeLink } from '../../../../network/render/bridge.ts';
import type { Command } from '../../process/command.ts';

export const bridgeCommand: Command = async (context) => {
  const object = context.argv[1] ?? '';
  const namespace = context.system.network.namespace?.();
  if (object !== '' && 'link'.startsWith(object)) {
    await context.stdout.write(namespace === undefined ? '' : renderBridgeLink(namespace));
    return 0;
  }
  if (object !== '' && 'fdb'.startsWith(object)) {
    await context.stdout.write(namespace === undefined ? '' : renderBridgeFdb(namespace));
    return 0;
  }
  await context.stderr.write(
    'Usage: bridge [ OPTIONS ] OBJECT { COMMAND | help }\nwhere  OBJECT := { link | fdb | mdb | vlan | vni | monitor }\n',
  );
  return 255;
};
