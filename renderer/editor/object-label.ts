// How kubectl names an object in its messages: `deployment.apps/web`, `pod/p`.

export function objectLabel(kind: string, group: string, name: string): string {
  return `${kind.toLowerCase()}${group ? `.${group}` : ''}/${name}`;
}
