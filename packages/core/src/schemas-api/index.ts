export { SchemasApi, SCHEMA_NAMES, imagePatchProblems, type SchemaName, type GetSchemaOptions } from "./schemas-api.js";
export { checkJsonSchema, checkProperty, type JsonSchemaNode, type SchemaProblem } from "./json-schema-check.js";
