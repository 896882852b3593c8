// The README written next to the generated API tables, saying what each file is and how to regenerate it.

export const GENERATED_README = `# engine/api/generated — API tables generated from upstream specs

Do not edit these files by hand: regenerate them.

| file | what it is | made by |
|---|---|---|
| \`schemas.json\` | A \`SchemaTable\` (see \`engine/api/schema-table.ts\`): every definition of the built-in Kubernetes API — all groups and versions of the v1.31.1 swagger document, apimachinery meta types, apiextensions, apiregistration — with type, format, properties ($ref, items, additionalProperties), patch strategy and merge key, list type and map keys, map type, required fields and group-version-kinds. Fields and messages that the v1.32 .proto files add are included, typed from the protobuf type and the markers in their comments. No description texts: ours are in \`engine/api/descriptions/\` and are merged in when the table is loaded (\`engine/api/schemas.ts\`). | \`npm run generate\` |
| \`proto.json\` | Protobuf message descriptors of the 28 v1.32 \`generated.proto\` files, keyed by fully-qualified message name (\`k8s.io.api.apps.v1.Deployment\`): per field its tag, proto name, type, \`repeated\`, \`map\`, its JSON name where it differs, and \`inline\` for Go embedded structs (found by comparing with the swagger properties). Per message the schema-table \`definition\` it corresponds to and, for types Go marshals by hand, an \`encoding\` (time, micro-time, int-or-string, quantity, raw-json, string-list, schema-or-…). Types: \`engine/apiserver/protobuf/proto-table.ts\`. | \`npm run generate\` |
| \`json-field-traits.json\` | Per protobuf message, per JSON field in Go struct order: \`p\` when the Go field is a pointer, \`o\` when its json tag says omitempty. The protobuf decoder needs these facts to write the JSON that Go would write (keep an explicit \`replicas: 0\`, drop an empty omitempty string). | \`npx tsx scripts/extract-json-field-traits.ts\` |

## Sources

- \`../shared/reference/kubernetes-api/openapi-v2/swagger-v1.31.1.json\` — upstream \`api/openapi-spec/swagger.json\` of
  Kubernetes v1.31.1.
- \`../shared/reference/kubernetes-api/proto/**/generated.proto\` — the v1.32.0 protobuf schemas (authoritative for
  v1.32 field names and numbers).
- For \`json-field-traits.json\`: the Go API types (\`types.go\` and friends) of kubernetes/api,
  kubernetes/apimachinery, kubernetes/apiextensions-apiserver and kubernetes/kube-aggregator at tag \`v0.32.0\`.

## Regenerating

\`\`\`sh
npm run generate                                   # schemas.json, proto.json, README.md
npm run generate -- /path/to/kubernetes-api        # the same, from another reference directory

# json-field-traits.json: check out the four repositories at v0.32.0, then
npx tsx scripts/extract-json-field-traits.ts \\
  k8s.io/api=/src/api k8s.io/apimachinery=/src/apimachinery \\
  k8s.io/apiextensions-apiserver=/src/apiextensions-apiserver k8s.io/kube-aggregator=/src/kube-aggregator
\`\`\`

\`scripts/generate-api-tables.test.ts\` regenerates \`schemas.json\`, \`proto.json\` and this README into a temporary
directory and fails when the committed copies differ.
`;
