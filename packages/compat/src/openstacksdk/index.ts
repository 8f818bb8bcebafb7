/**
 * @packageDocumentation
 * openstacksdk's image proxy over the cloud-images SDK: `connect({ cloud })` and `conn.image`
 * with openstacksdk's method names (`images`, `create_image`, `get_image`, `find_image`,
 * `update_image`, `delete_image`, `download_image`, the member and tag calls,
 * `wait_for_status`…), image objects whose attributes read as openstacksdk's, and
 * openstacksdk's exceptions. Keyword arguments become one trailing object; every call returns
 * a promise. See PORTING.md.
 */
export { Connection, connect, from_config, type ConnectOptions } from "./connection.js";
export {
  ImageProxy,
  type ImageRef,
  type MemberRef,
  type ImagesQuery,
  type CreateImageAttrs,
  type WaitForStatusOptions,
  type DownloadImageOptions,
} from "./proxy.js";
export { Image, Member, glanceName } from "./resources.js";
export { DownloadResponse } from "./download.js";
export {
  exceptions,
  SDKException,
  HttpException,
  BadRequestException,
  ForbiddenException,
  ResourceNotFound,
  NotFoundException,
  ConflictException,
  PreconditionFailedException,
  DuplicateResource,
  ResourceTimeout,
  ResourceFailure,
  InvalidRequest,
  sdkCall,
  translateError,
} from "./exceptions.js";
