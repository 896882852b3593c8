// Names that become one segment of a URL path (k8s.io/apimachinery/pkg/api/validation/path): RBAC object names,
// scale target kinds and names, parameter references. They may be anything but '.', '..', or contain '/' or '%'.

const NAME_MAY_NOT_BE = ['.', '..'];
const NAME_MAY_NOT_CONTAIN = ['/', '%'];

/** The problems of a name used as a path segment; empty when valid. */
export function isValidPathSegmentName(name: string): string[] {
  for (const illegal of NAME_MAY_NOT_BE) {
    if (name === illegal) return [`may not be '${illegal}'`];
  }
  return NAME_MAY_NOT_CONTAIN.filter((illegal) => name.includes(illegal)).map(
    (illegal) => `may not contain '${illegal}'`,
  );
}
