// The shape of our own descriptions of API types and fields, written for students, merged into the schema table.

/** What a definition is, and what some of its fields mean. */
export interface DefinitionDescriptions {
  description?: string;
  /** Per JSON field name of the definition. */
  fields?: Record<string, string>;
}

/** Per definition name, e.g. "io.k8s.api.apps.v1.DeploymentSpec". */
export type DescriptionTable = Record<string, DefinitionDescriptions>;
