// The two spellings of one API type's name: the OpenAPI definition name ("io.k8s.api.apps.v1.Deployment",
// "io.k8s.apiextensions-apiserver.pkg.apis…") and the protobuf message name ("k8s.io.api.apps.v1.Deployment",
// "k8s.io.apiextensions_apiserver.pkg.apis…", where protobuf package names cannot hold a dash).

/** "k8s.io.api.apps.v1.Deployment" → "io.k8s.api.apps.v1.Deployment". */
export function definitionNameOfMessage(message: string): string {
  if (!message.startsWith('k8s.io.')) throw new Error(`not a Kubernetes protobuf message name: ${message}`);
  return `io.k8s.${message.slice('k8s.io.'.length).replaceAll('_', '-')}`;
}

/** Normalises a field name for matching a protobuf field with its JSON property: `aPIGroup` ~ `apiGroup`, `ref` ~ `$ref`. */
export function fieldNameKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}
