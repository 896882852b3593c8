// The errors a program sees when the network does not deliver: the errno names and the messages libc prints.

export type NetErrorCode = 'ECONNREFUSED' | 'EHOSTUNREACH' | 'ENETUNREACH' | 'ETIMEDOUT' | 'TTL_EXCEEDED';

export const NET_ERROR_MESSAGES: Record<NetErrorCode, string> = {
  ECONNREFUSED: 'Connection refused',
  EHOSTUNREACH: 'No route to host',
  ENETUNREACH: 'Network is unreachable',
  ETIMEDOUT: 'Connection timed out',
  TTL_EXCEEDED: 'Time to live exceeded',
};
