// Link-layer names drawn from an injected random source: MAC addresses (locally administered, unicast, as the kernel
// gives veths, bridges and VXLAN devices) and the host-side veth names the bridge CNI plugin picks (`veth` + 8 hex).

function hexByte(random: () => number): string {
  return Math.floor(random() * 256)
    .toString(16)
    .padStart(2, '0');
}

/** A random unicast, locally administered MAC (the second-lowest bit of the first octet set, the lowest cleared). */
export function randomMac(random: () => number): string {
  const first = ((Math.floor(random() * 256) & 0xfc) | 0x02).toString(16).padStart(2, '0');
  const rest: string[] = [];
  for (let i = 0; i < 5; i++) rest.push(hexByte(random));
  return [first, ...rest].join(':');
}

/** `veth1a2b3c4d`, as the bridge plugin names the host end of a pod's veth pair. */
export function randomVethName(random: () => number): string {
  let name = 'veth';
  for (let i = 0; i < 4; i++) name += hexByte(random);
  return name;
}
