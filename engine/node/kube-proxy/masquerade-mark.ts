// kube-proxy's masquerade mark, 1 << --iptables-masquerade-bit printed as Go's fmt.Sprintf("%#08x") prints it
// (0x00004000 for the default bit 14: eight digits, then the 0x prefix).

export const DEFAULT_MASQUERADE_BIT = 14;

export function masqueradeMark(bit: number = DEFAULT_MASQUERADE_BIT): string {
  return `0x${(2 ** bit).toString(16).padStart(8, '0')}`;
}
