/*
 * The fields of an OpenAPI schema as rows a reader scans: dotted name, type, required, description and the
 * allowed values, following `$ref`s into the document's components. Pure.
 */
export interface ReferenceField {
  name: string;
  type: string;
  required: boolean;
  description?: string;
  /** Allowed values (an enum or a constant), including those of a map's values or a list's items. */
  values?: string[];
  /** For parameters: where it goes (path, query, header). */
  in?: string;
}

type Schema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  const?: unknown;
  enum?: unknown[];
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: Schema | boolean;
  anyOf?: Schema[];
  oneOf?: Schema[];
};
export type SchemaComponents = Record<string, unknown>;

const MAX_DEPTH = 4;

function resolve(schema: Schema, components: SchemaComponents): Schema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  return (components[name] as Schema | undefined) ?? {};
}

const variants = (schema: Schema) => schema.anyOf ?? schema.oneOf;
const isNull = (schema: Schema) => schema.type === 'null';

export function typeLabel(raw: Schema, components: SchemaComponents): string {
  const schema = resolve(raw, components);
  const options = variants(schema);
  if (options) {
    const labels = [
      ...new Set(options.filter((option) => !isNull(option)).map((option) => typeLabel(option, components))),
    ];
    return `${labels.join(' or ')}${options.some(isNull) ? ' or null' : ''}`;
  }
  if (schema.const !== undefined) return `constant ${JSON.stringify(schema.const)}`;
  if (Array.isArray(schema.type)) return schema.type.join(' or ');
  if (schema.type === 'array') return `list of ${schema.items ? typeLabel(schema.items, components) : 'values'}`;
  if (schema.type === 'object' && !schema.properties && typeof schema.additionalProperties === 'object') {
    return `map of name → ${typeLabel(schema.additionalProperties, components)}`;
  }
  if (schema.type === 'string' && schema.format) return `string (${schema.format})`;
  return schema.type ?? 'any';
}

/** The values a field accepts when it is an enum or a constant, looking through unions, lists and maps. */
export function allowedValues(raw: Schema, components: SchemaComponents): string[] | undefined {
  const schema = resolve(raw, components);
  const found = new Set<string>();
  const visit = (node: Schema) => {
    const current = resolve(node, components);
    if (current.const !== undefined) found.add(typeof current.const === 'string' ? current.const : JSON.stringify(current.const));
    current.enum?.forEach((value) => found.add(typeof value === 'string' ? value : JSON.stringify(value)));
    variants(current)?.forEach(visit);
    if (current.items) visit(current.items);
    if (typeof current.additionalProperties === 'object') visit(current.additionalProperties);
  };
  visit(schema);
  return found.size ? [...found] : undefined;
}

/** The object a field holds, if its fields are worth listing (directly, in a list, or in a nullable union). */
function nestedObject(raw: Schema, components: SchemaComponents): { schema: Schema; suffix: string } | undefined {
  const schema = resolve(raw, components);
  if (schema.properties) return { schema, suffix: '.' };
  const options = variants(schema)?.filter((option) => !isNull(option));
  if (options?.length === 1) return nestedObject(options[0]!, components);
  if (schema.type === 'array' && schema.items) {
    const inner = nestedObject(schema.items, components);
    return inner && { schema: inner.schema, suffix: `[]${inner.suffix}` };
  }
  return undefined;
}

export function schemaFields(
  raw: Schema | undefined,
  components: SchemaComponents,
  prefix = '',
  depth = 0,
): ReferenceField[] {
  if (!raw || depth >= MAX_DEPTH) return [];
  const schema = resolve(raw, components);
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).flatMap(([key, property]) => {
    const name = `${prefix}${key}`;
    const resolved = resolve(property, components);
    const values = allowedValues(property, components);
    const row: ReferenceField = {
      name,
      type: typeLabel(property, components),
      required: required.has(key),
      ...((property.description ?? resolved.description)
        ? { description: property.description ?? resolved.description }
        : {}),
      ...(values ? { values } : {}),
    };
    const nested = nestedObject(property, components);
    return [row, ...(nested ? schemaFields(nested.schema, components, `${name}${nested.suffix}`, depth + 1) : [])];
  });
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: Schema;
}

export function parameterFields(parameters: Parameter[], components: SchemaComponents): ReferenceField[] {
  return parameters.map((parameter) => {
    const values = parameter.schema ? allowedValues(parameter.schema, components) : undefined;
    return {
      name: parameter.name,
      in: parameter.in,
      type: parameter.schema ? typeLabel(parameter.schema, components) : 'string',
      required: parameter.required ?? false,
      ...(parameter.description ? { description: parameter.description } : {}),
      ...(values ? { values } : {}),
    };
  });
}
