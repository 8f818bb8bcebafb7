/**
 * `@cloud-images/core/schemas`: the zod schemas (and their types) of every API the SDK speaks,
 * derived from the OpenAPI documents in `spec/`: Glance image v2, compute next-gen images and
 * v1.0, Keystone v3 and Rackspace identity v2.0 tokens, and the object store. Import them to
 * validate data of your own, e.g. `ImageSchema.parse(json)`, or to build on them.
 *
 * They are `zod/mini` schemas: methods `parse`/`safeParse` as in classic zod, and everything
 * else through functions (`z.extend(ImageSchema, {...})`, `z.optional(...)`), so a bundle keeps
 * only what it uses. Classic zod's functions take them too (`z.array(ImageSchema)`).
 *
 * The SDK does not load them: it checks every answer with its own validators, which accept and
 * refuse the same bodies (both are tied to the generated types, and a test holds them to each
 * other) but check in place, without copying, at a fraction of the cost, and without loading
 * zod. The types of the resources (`Image`, `Task`, `Member`, …) are also exported from the
 * package root; the schemas only from here.
 *
 * @packageDocumentation
 */
export * from "./image-v2.js";
export * from "./compute-v2-images.js";
export * from "./compute-v1.0.js";
export * from "./identity.js";
export * from "./identity-rackspace.js";
export * from "./object-store.js";
