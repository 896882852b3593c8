// Protobuf messages of apimachinery that are not API types: helpers of the protobuf encoding itself, whose JSON form
// (if any) is not their message form. They get no schema definition and no JSON field traits.

export const PROTOBUF_HELPER_MESSAGES: ReadonlySet<string> = new Set([
  'k8s.io.apimachinery.pkg.apis.meta.v1.Timestamp',
  'k8s.io.apimachinery.pkg.apis.meta.v1.Duration',
  'k8s.io.apimachinery.pkg.api.resource.QuantityValue',
  'k8s.io.apimachinery.pkg.runtime.Unknown',
]);
