// Test data: bytes a real kubectl 1.32 sent for `kubectl exec -i web -- cat` over SPDY/3.1 with "x" on stdin,
// captured after the 101 — SYN_STREAMs for the error, stdin, stdout and stderr streams (their header blocks compressed
// with Go's zlib and the SPDY dictionary), stdin's data and FIN, and the reset of the error stream as it closes.

export const KUBECTL_EXEC_BYTES = Buffer.from(
  '80030001000000290000000100000000000078f9e3c6a7c26260606004a7b392a2d4c45c6851c29a0a0a6800000000ffff' +
    '800300010000001700000003000000000000c22e555c92929907000000ffff' +
    '800300010000001900000005000000000000c22ac5565c92925f5a02000000ffff' +
    '800300010000001500000007000000000000c229975a5404000000ffff' +
    '000000030000000178000000030100000080030003000000080000000100000005',
  'hex',
);
