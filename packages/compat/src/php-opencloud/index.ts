/**
 * @packageDocumentation
 * php-opencloud's image calls over the cloud-images SDK: `new Rackspace(...)`,
 * `imageService(name, region)` (Cloud Images / Glance v2: images, members, tags, schemas) and
 * `computeService(name, region)` (next-generation Cloud Servers images, snapshots,
 * `waitFor`), with php-opencloud's names and arguments — every call returns a promise. See
 * PORTING.md.
 */
export { OpenStack, Rackspace, type ClientOptions, type OpenStackSecret, type RackspaceSecret } from "./client.js";
export { ImageService } from "./image-service.js";
export { Image, type ImageSchemaSource } from "./image.js";
export { Member } from "./member.js";
export { MemberStatus, isMemberStatus, type MemberStatusValue } from "./member-status.js";
export { Schema, Property, OperationType, type OperationTypeValue, type Definition } from "./schema.js";
export { SchemaResource } from "./schema-resource.js";
export { ResourceIterator } from "./iterator.js";
export { ComputeService, ComputeImage, Server, State, ImageState, type ImageListFilters } from "./compute.js";
export {
  BadResponseException,
  ClientErrorResponseException,
  ServerErrorResponseException,
  ForbiddenOperationException,
  ResourceNotFoundException,
  InvalidArgumentException,
  RuntimeException,
  ImageError,
  phpCall,
  translateError,
} from "./exceptions.js";
