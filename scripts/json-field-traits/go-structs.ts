// Reads the struct declarations of Go source files as data: per struct, its fields in order with the facts that
// decide how encoding/json writes them (pointer or not, JSON name, omitempty, embedded inline). A line-based reader
// that fits gofmt-formatted API type files; it does not try to understand Go in general.

export interface GoField {
  /** The Go field name; for an embedded field, the type name. */
  goName: string;
  /** The JSON name, or undefined for an embedded (inline) field. */
  json?: string;
  pointer: boolean;
  omitEmpty: boolean;
  /** The protobuf field name (`protobuf:"…,name=x"`, else the Go name in lowerCamel), when the field has a tag. */
  protobufName?: string;
}

export type GoStructs = Map<string, GoField[]>;

/** `type List metav1.List`: a type defined as another named type, whose fields it shares. */
export interface GoDefinedType {
  /** The Go package of the underlying type; undefined when it is in the same package. */
  goPackage?: string;
  type: string;
}

export interface GoFile {
  structs: GoStructs;
  definedTypes: Map<string, GoDefinedType>;
}

const STRUCT_START = /^type (\w+) struct \{$/;
const EMPTY_STRUCT = /^type (\w+) struct\s*\{\s*\}$/;
const DEFINED_TYPE = /^type (\w+) (?:(\w+)\.)?([A-Z]\w*)$/;
const IMPORT = /^(?:import\s+)?(\w+\s+)?"([^"]+)"$/;
const NAMED_FIELDS = /^(\w+(?:,\s*\w+)*)\s+(\S+)\s*(`[^`]*`)?$/;
const EMBEDDED_FIELD = /^(\*?[\w.]+)\s*(`[^`]*`)?$/;

/** The structs and defined types declared in one Go source file, by type name. */
export function parseGoFile(source: string): GoFile {
  const structs: GoStructs = new Map();
  const definedTypes = new Map<string, GoDefinedType>();
  const imports = new Map<string, string>();
  let current: GoField[] | undefined;
  const withoutBlockComments = source.replace(/^\s*\/\*[\s\S]*?\*\//gm, '');
  for (const raw of withoutBlockComments.split('\n')) {
    const line = stripComment(raw).trim();
    if (current) {
      if (line === '}') current = undefined;
      else if (line !== '') current.push(...parseFields(line));
      continue;
    }
    const start = STRUCT_START.exec(line) ?? EMPTY_STRUCT.exec(line);
    if (start?.[1]) {
      structs.set(start[1], []);
      if (line.endsWith('{')) current = structs.get(start[1]);
      continue;
    }
    const imported = IMPORT.exec(line);
    if (imported?.[2]) imports.set(imported[1]?.trim() ?? imported[2].split('/').pop() ?? '', imported[2]);
    const defined = DEFINED_TYPE.exec(line);
    if (defined?.[1] && defined[3]) {
      const goPackage = defined[2] ? imports.get(defined[2]) : undefined;
      if (defined[2] && !goPackage) throw new Error(`unknown import ${defined[2]} in: ${line}`);
      definedTypes.set(defined[1], goPackage ? { goPackage, type: defined[3] } : { type: defined[3] });
    }
  }
  return { structs, definedTypes };
}

/** The line without its `//` comment; a `//` inside a backquoted struct tag is not a comment. */
function stripComment(line: string): string {
  let inTag = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '`') inTag = !inTag;
    else if (!inTag && line.startsWith('//', i)) return line.slice(0, i);
  }
  return line;
}

/** The fields one line declares: `Name Type \`tag\``, `A, B Type`, or an embedded `pkg.Type \`tag\``. */
function parseFields(line: string): GoField[] {
  if (/^[a-z_]\w*(,\s*\w+)*\s/.test(line)) return []; // unexported: encoding/json ignores it
  const named = NAMED_FIELDS.exec(line);
  if (named?.[1] && named[2]) {
    const [names, type, tag = ''] = [named[1], named[2], named[3]];
    return names.split(/,\s*/).flatMap((name) => fieldFromTag(name, type, tag, false) ?? []);
  }
  const embedded = EMBEDDED_FIELD.exec(line);
  if (embedded?.[1]) {
    const type = embedded[1];
    const field = fieldFromTag(type.replace(/^\*/, '').replace(/^\w+\./, ''), type, embedded[2] ?? '', true);
    return field ? [field] : [];
  }
  throw new Error(`cannot read Go struct field: ${line}`);
}

function fieldFromTag(goName: string, type: string, tag: string, embedded: boolean): GoField | undefined {
  const jsonTag = /json:"([^"]*)"/.exec(tag)?.[1];
  if (jsonTag === '-') return undefined;
  const [name = '', ...options] = (jsonTag ?? '').split(',');
  const field: GoField = { goName, pointer: type.startsWith('*'), omitEmpty: options.includes('omitempty') };
  if (!(embedded && name === '')) field.json = name || goName;
  const protobuf = /protobuf:"([^"]*)"/.exec(tag)?.[1];
  if (protobuf !== undefined) {
    field.protobufName = /\bname=(\w+)/.exec(protobuf)?.[1] ?? goName.charAt(0).toLowerCase() + goName.slice(1);
  }
  return field;
}
