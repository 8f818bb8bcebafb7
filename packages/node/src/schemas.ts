/**
 * `@cloud-images/node/schemas`: the zod schemas of every API the SDK speaks, as
 * `@cloud-images/core/schemas` exports them (re-exported so a Node application needs only this
 * package).
 *
 * @packageDocumentation
 */
export * from "@cloud-images/core/schemas";
