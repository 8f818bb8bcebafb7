/**
 * `@cloud-images/core/schemas`: the zod schemas (and their types) of every API the SDK speaks,
 * derived from the OpenAPI documents in `spec/`: Glance image v2, compute next-gen images and
 * v1.0, Keystone v3 and Rackspace identity v2.0 tokens, and the object store. The SDK checks
 * every answer against them; import them to validate data of your own, e.g.
 * `ImageSchema.parse(json)`.
 *
 * The types of the resources (`Image`, `Task`, `Member`, …) are also exported from the package
 * root; the schemas themselves only from here, so code that needs no run-time validation does
 * not see them.
 *
 * @packageDocumentation
 */
export * from "./image-v2.js";
export * from "./compute-v2-images.js";
export * from "./compute-v1.0.js";
export * from "./identity.js";
export * from "./identity-rackspace.js";
export * from "./object-store.js";
