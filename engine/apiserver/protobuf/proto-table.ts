// Types of engine/api/generated/proto.json (the Kubernetes protobuf message descriptors, generated from the v1.32
// .proto files by scripts/generate-api-tables.ts) and of json-field-traits.json (Go facts about each JSON field).

/** How a message that Go marshals by hand turns into JSON, instead of field by field. */
export type ProtoEncoding =
  /** meta.v1.Time: {seconds, nanos} → RFC 3339 with seconds, null when empty. */
  | 'time'
  /** meta.v1.MicroTime: {seconds, nanos} → RFC 3339 with microseconds, null when empty. */
  | 'micro-time'
  /** intstr.IntOrString: {type, intVal, strVal} → a number or a string. */
  | 'int-or-string'
  /** resource.Quantity: {string} → the string ("0" when empty). */
  | 'quantity'
  /** RawExtension, FieldsV1, apiextensions JSON: one bytes field holding JSON text → that JSON value. */
  | 'raw-json'
  /** ExtraValue, Verbs: a message wrapping `repeated string items` that Go declares as a []string. */
  | 'string-list'
  /** apiextensions JSONSchemaPropsOrArray: {schema} → an object, {jSONSchemas} → an array. */
  | 'schema-or-array'
  /** apiextensions JSONSchemaPropsOrBool: {allows, schema} → an object, or a boolean when there is no schema. */
  | 'schema-or-bool'
  /** apiextensions JSONSchemaPropsOrStringArray: {schema} → an object, {property} → an array of strings. */
  | 'schema-or-string-array';

/** One field of a protobuf message. */
export interface ProtoField {
  tag: number;
  /** The field name in the .proto file. */
  name: string;
  /** The JSON name when it differs from `name` (e.g. proto `aPIGroup` → JSON `apiGroup`). */
  json?: string;
  /** A scalar type (string, int32, int64, bool, bytes, double…) or a fully-qualified message name. For maps: the value type. */
  type: string;
  repeated?: true;
  map?: { key: string; value: string };
  /** A Go embedded struct: its fields appear directly in the parent's JSON (e.g. Volume.volumeSource). */
  inline?: true;
}

export interface ProtoMessage {
  /** The OpenAPI definition of the same type, e.g. "io.k8s.api.apps.v1.Deployment", when the schema table has one. */
  definition?: string;
  /** Set for types with their own JSON form; their fields are then read as that form says. */
  encoding?: ProtoEncoding;
  /** In declaration order, which is the Go struct order (and so the JSON key order). */
  fields: ProtoField[];
}

export interface ProtoTable {
  /** Keyed by fully-qualified message name without a leading dot, e.g. "k8s.io.api.apps.v1.Deployment". */
  messages: Record<string, ProtoMessage>;
}

/**
 * Go facts about one JSON field: "p" when the Go field is a pointer, "o" when its json tag has omitempty ("po" both,
 * "" neither). They decide what Go's JSON encoder writes for a zero or missing value.
 */
export type JsonFieldTrait = '' | 'p' | 'o' | 'po';

/** Per fully-qualified message name, per JSON field name (inline fields excluded), in Go struct order. */
export type JsonFieldTraits = Record<string, Record<string, JsonFieldTrait>>;
