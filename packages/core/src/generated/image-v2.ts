/**
 * GENERATED FILE, DO NOT EDIT.
 * Source: spec/image-v2.yaml
 * Regenerate with `pnpm generate`; `pnpm generate:check` fails when this file is stale.
 */

export interface paths {
  "/": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List API versions
     * @description Lists the Image API versions the deployment supports. Glance answers 300 (Multiple Choices); some proxies answer 200.
     */
    get: operations["listVersions"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v2/images": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List images
     * @description Lists the images visible to the caller, one page at a time. Follow the `next` link (or
     *     repeat the query with `marker` set to the last image id) to get the next page.
     *
     *     Filters on `created_at` and `updated_at` take an operator prefix: `gt:`, `gte:`, `lt:`,
     *     `lte:`, `neq:` or `eq:` followed by an ISO 8601 time, e.g. `created_at=gte:2024-01-01T00:00:00Z`.
     *     The `in:` operator takes a comma separated list and works for `id`, `name`, `status`,
     *     `container_format` and `disk_format`, e.g. `status=in:active,queued`; a value holding a
     *     comma must be quoted (`name=in:"a,b",c`). It does not work on custom properties.
     *     Custom properties can be filtered by exact value (`?my_property=value`).
     */
    get: operations["listImages"];
    put?: never;
    /**
     * Create an image
     * @description Creates an image record (status `queued`); the data is uploaded or imported afterwards.
     *     The caller may choose the image `id` (a UUID). Any attribute that is not a base attribute
     *     is stored as a custom property, whose value must be a string.
     */
    post: operations["createImage"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v2/images/{image_id}": {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Identifier (UUID) of the image. */
        image_id: components["parameters"]["ImageId"];
      };
      cookie?: never;
    };
    /** Show an image */
    get: operations["showImage"];
    put?: never;
    post?: never;
    /**
     * Delete an image
     * @description Deletes the image and its data. A protected image answers 403.
     */
    delete: operations["deleteImage"];
    options?: never;
    head?: never;
    /**
     * Update an image
     * @description Applies a JSON-patch subset to the image. `add` on an existing property replaces it;
     *     `replace` or `remove` of a missing property is 409; changing a read-only attribute is 403.
     */
    patch: operations["updateImage"];
    trace?: never;
  };
  "/v2/images/{image_id}/tags/{tag}": {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Identifier (UUID) of the image. */
        image_id: components["parameters"]["ImageId"];
        /** @description The tag (at most 255 characters). */
        tag: string;
      };
      cookie?: never;
    };
    get?: never;
    /** Add a tag to an image */
    put: operations["addImageTag"];
    post?: never;
    /** Remove a tag from an image */
    delete: operations["deleteImageTag"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v2/images/{image_id}/actions/deactivate": {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Identifier (UUID) of the image. */
        image_id: components["parameters"]["ImageId"];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Deactivate an image
     * @description Makes the data of an active image unavailable to everyone but administrators.
     */
    post: operations["deactivateImage"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v2/images/{image_id}/actions/reactivate": {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Identifier (UUID) of the image. */
        image_id: components["parameters"]["ImageId"];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Reactivate an image */
    post: operations["reactivateImage"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v2/images/{image_id}/file": {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Identifier (UUID) of the image. */
        image_id: components["parameters"]["ImageId"];
      };
      cookie?: never;
    };
    /**
     * Download image data
     * @description Downloads the image payload. `Content-MD5` holds the **hexadecimal** MD5 digest of the whole
     *     image (not base64), also on 206 answers. HEAD is not allowed (405).
     */
    get: operations["downloadImageData"];
    /**
     * Upload image data
     * @description Uploads the image payload to an image in `queued` status. The image becomes `active`.
     */
    put: operations["uploadImageData"];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v2/images/{image_id}/stage": {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Identifier (UUID) of the image. */
        image_id: components["parameters"]["ImageId"];
      };
      cookie?: never;
    };
    get?: never;
    /**
     * Stage image data
     * @description Uploads data to the staging area, for a later `glance-direct` import. The image becomes `uploading`.
     */
    put: operations["stageImageData"];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v2/images/{image_id}/import": {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Identifier (UUID) of the image. */
        image_id: components["parameters"]["ImageId"];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Import an image
     * @description Starts an interoperable import. `glance-direct` needs staged data, `web-download` and
     *     `glance-download` need a `queued` image, `copy-image` (since 2.8) needs an `active` image.
     *     `glance-download` (since 2.15) copies an image from the Glance of another region.
     */
    post: operations["importImage"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v2/images/{image_id}/tasks": {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Identifier (UUID) of the image. */
        image_id: components["parameters"]["ImageId"];
      };
      cookie?: never;
    };
    /** List the tasks of an image */
    get: operations["listImageTasks"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v2/stores/{store_id}/{image_id}": {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Identifier of the store. */
        store_id: string;
        /** @description Identifier (UUID) of the image. */
        image_id: components["parameters"]["ImageId"];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Delete an image from one store
     * @description Removes the copy of the image kept in one store. The last location cannot be removed (409).
     */
    delete: operations["deleteImageFromStore"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v2/images/{image_id}/members": {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Identifier (UUID) of the image. */
        image_id: components["parameters"]["ImageId"];
      };
      cookie?: never;
    };
    /**
     * List image members
     * @description The owner sees every member; a member sees only itself.
     */
    get: operations["listImageMembers"];
    put?: never;
    /**
     * Add an image member
     * @description Shares a `shared` image with a project. Answers 200 (not 201). A `private` image answers 403.
     */
    post: operations["createImageMember"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v2/images/{image_id}/members/{member_id}": {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Identifier (UUID) of the image. */
        image_id: components["parameters"]["ImageId"];
        /** @description The project id of the member. */
        member_id: string;
      };
      cookie?: never;
    };
    /** Show an image member */
    get: operations["showImageMember"];
    /**
     * Update an image member's status
     * @description Only the member (the consumer) may set its status; the owner gets 403.
     */
    put: operations["updateImageMember"];
    post?: never;
    /**
     * Remove an image member
     * @description Only the image owner may remove a member.
     */
    delete: operations["deleteImageMember"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v2/tasks": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List tasks
     * @description Lists tasks (admin only under the default policy). List entries leave out `input`, `result` and `message`.
     */
    get: operations["listTasks"];
    put?: never;
    /** Create a task */
    post: operations["createTask"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v2/tasks/{task_id}": {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Identifier of the task. */
        task_id: string;
      };
      cookie?: never;
    };
    /** Show a task */
    get: operations["showTask"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v2/schemas/images": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Show the images list schema */
    get: operations["showImagesSchema"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v2/schemas/image": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Show the image schema */
    get: operations["showImageSchema"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v2/schemas/members": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Show the image members list schema */
    get: operations["showMembersSchema"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v2/schemas/member": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Show the image member schema */
    get: operations["showMemberSchema"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v2/schemas/tasks": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Show the tasks list schema */
    get: operations["showTasksSchema"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v2/schemas/task": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Show the task schema */
    get: operations["showTaskSchema"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v2/info/import": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Show the import methods */
    get: operations["showImportInfo"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v2/info/stores": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List the stores
     * @description Lists the stores of a multi-store deployment; 404 when multi-store is not configured.
     */
    get: operations["showStoresInfo"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v2/info/stores/detail": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List the stores with details
     * @description Admin only (others get 403); includes each store's type and properties.
     */
    get: operations["showStoresDetailInfo"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v2/info/usage": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Show quota usage
     * @description The caller's quota limits and usage; an empty object when quotas are not enforced.
     */
    get: operations["showUsageInfo"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v2/cache": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List cached and queued images */
    get: operations["listCachedImages"];
    put?: never;
    post?: never;
    /**
     * Clear the cache
     * @description Clears the cache, its queue, or both.
     */
    delete: operations["clearCache"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v2/cache/{image_id}": {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Identifier (UUID) of the image. */
        image_id: components["parameters"]["ImageId"];
      };
      cookie?: never;
    };
    get?: never;
    /** Queue an image for caching */
    put: operations["queueImageForCaching"];
    post?: never;
    /** Delete an image from the cache */
    delete: operations["deleteCachedImage"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v2/images/{image_id}/locations": {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Identifier (UUID) of the image. */
        image_id: components["parameters"]["ImageId"];
      };
      cookie?: never;
    };
    /**
     * List the locations of an image
     * @description Service-to-service call; ordinary users get 403.
     */
    get: operations["listImageLocations"];
    put?: never;
    /**
     * Add a location to an image
     * @description Adds a location to a `queued` image (service-to-service use, e.g. by Nova or Cinder).
     */
    post: operations["addImageLocation"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    /** @description Raw image bytes. */
    BinaryData: string;
    Link: {
      rel: string;
      href: string;
    };
    Version: {
      /** @description Version identifier, e.g. `v2.15`. */
      id: string;
      /** @enum {string} */
      status: "CURRENT" | "SUPPORTED" | "DEPRECATED" | "EXPERIMENTAL";
      links: components["schemas"]["Link"][];
    };
    VersionsDocument: {
      versions: components["schemas"]["Version"][];
    };
    /** @enum {string} */
    ImageStatus:
      | "queued"
      | "saving"
      | "uploading"
      | "importing"
      | "active"
      | "deactivated"
      | "killed"
      | "deleted"
      | "pending_delete";
    /** @enum {string} */
    DiskFormat:
      | "ami"
      | "ari"
      | "aki"
      | "vhd"
      | "vhdx"
      | "vmdk"
      | "raw"
      | "qcow2"
      | "vdi"
      | "iso"
      | "ploop";
    /** @enum {string} */
    ContainerFormat:
      "ami" | "ari" | "aki" | "bare" | "ovf" | "ova" | "docker" | "compressed";
    /** @enum {string} */
    Visibility: "public" | "private" | "shared" | "community";
    ImageLocation: {
      url: string;
      metadata: {
        [key: string]: unknown;
      };
      validation_data?: {
        os_hash_algo?: string;
        os_hash_value?: string;
      };
    };
    ImageLocationCreateRequest: {
      url: string;
      validation_data?: {
        os_hash_algo?: string;
        os_hash_value?: string;
      };
    };
    /**
     * @description An image record: the base attributes, always present (null when unset), plus custom
     *     properties (string values), present only when set. `stores`, `direct_url` and `locations`
     *     appear only in some deployments or states.
     */
    Image: {
      /** Format: uuid */
      id: string;
      name: string | null;
      status: components["schemas"]["ImageStatus"];
      visibility: components["schemas"]["Visibility"];
      protected: boolean;
      /** @description Hidden from the default image list (since 2.7). */
      os_hidden: boolean;
      /** @description MD5 hex digest of the data (legacy). */
      checksum: string | null;
      /** @description Algorithm of `os_hash_value` (e.g. `sha512`). */
      os_hash_algo: string | null;
      /** @description Hex digest of the data computed with `os_hash_algo`. */
      os_hash_value: string | null;
      owner: string | null;
      /** @description Size of the data in bytes. */
      size: number | null;
      /** @description Virtual size of the disk in bytes. */
      virtual_size: number | null;
      /** @description Minimum disk size in GiB. */
      min_disk: number;
      /** @description Minimum RAM in MiB. */
      min_ram: number;
      container_format: components["schemas"]["ContainerFormat"] | null;
      disk_format: components["schemas"]["DiskFormat"] | null;
      /** Format: date-time */
      created_at: string;
      /** Format: date-time */
      updated_at: string;
      tags: string[];
      self: string;
      file: string;
      schema: string;
      /** @description Backend URL of the data, when `show_image_direct_url` is enabled. */
      direct_url?: string;
      /** @description Locations, when `show_multiple_locations` is enabled. */
      locations?: components["schemas"]["ImageLocation"][];
      /** @description Comma separated ids of the stores holding the data (multi-store deployments, images with data). */
      stores?: string;
    } & {
      [key: string]: unknown;
    };
    ImageList: {
      images: components["schemas"]["Image"][];
      first: string;
      schema: string;
      /** @description Relative link to the next page; absent on the last page. It drops repeated query parameters. */
      next?: string;
    };
    /** @description Attributes of the new image; other keys become custom properties (string values). */
    ImageCreateRequest: {
      /**
       * Format: uuid
       * @description Client-chosen image id.
       */
      id?: string;
      name?: string | null;
      container_format?: components["schemas"]["ContainerFormat"];
      disk_format?: components["schemas"]["DiskFormat"];
      min_disk?: number;
      min_ram?: number;
      protected?: boolean;
      os_hidden?: boolean;
      tags?: string[];
      visibility?: components["schemas"]["Visibility"];
    } & {
      [key: string]: unknown;
    };
    ImagePatchOperation: {
      /** @enum {string} */
      op: "add" | "replace" | "remove";
      /** @description JSON pointer to the attribute, e.g. `/name` or `/tags`. */
      path: string;
      /** @description New value (for `add` and `replace`). */
      value?: unknown;
    };
    ImagePatch: components["schemas"]["ImagePatchOperation"][];
    /** @enum {string} */
    MemberStatus: "pending" | "accepted" | "rejected";
    Member: {
      member_id: string;
      image_id: string;
      status: components["schemas"]["MemberStatus"];
      /** Format: date-time */
      created_at: string;
      /** Format: date-time */
      updated_at: string;
      schema: string;
    };
    MemberList: {
      members: components["schemas"]["Member"][];
      schema: string;
    };
    MemberCreateRequest: {
      /** @description Project id to share the image with. */
      member: string;
    };
    MemberUpdateRequest: {
      status: components["schemas"]["MemberStatus"];
    };
    /** @enum {string} */
    TaskStatus: "pending" | "processing" | "success" | "failure";
    /**
     * @description A task. `input`, `result` and `message` are left out of list entries; `expires_at` is set
     *     once the task ends.
     */
    Task: {
      id: string;
      /** @description `import`, `export`, or `api_image_import` for interoperable imports. */
      type: string;
      status: components["schemas"]["TaskStatus"];
      input?: {
        [key: string]: unknown;
      };
      result?: {
        [key: string]: unknown;
      } | null;
      owner: string;
      message?: string;
      expires_at?: string | null;
      created_at: string;
      updated_at: string;
      self: string;
      schema: string;
      image_id?: string;
      request_id?: string;
      user_id?: string;
    } & {
      [key: string]: unknown;
    };
    TaskList: {
      tasks: components["schemas"]["Task"][];
      first: string;
      schema: string;
      next?: string;
    };
    /**
     * @description A task as listed by `GET /v2/images/{image_id}/tasks`: the database row, without the
     *     `self` and `schema` links, with `deleted`/`deleted_at`, and with times that may lack a
     *     time zone (e.g. `2024-01-01T12:00:00.123456`).
     */
    ImageTask: {
      id: string;
      type: string;
      status: components["schemas"]["TaskStatus"];
      owner: string;
      input?: {
        [key: string]: unknown;
      };
      result?: {
        [key: string]: unknown;
      } | null;
      message?: string;
      expires_at?: string | null;
      created_at: string;
      updated_at: string;
      deleted_at?: string | null;
      deleted?: boolean;
      image_id?: string;
      request_id?: string;
      user_id?: string;
    } & {
      [key: string]: unknown;
    };
    ImageTaskList: {
      tasks: components["schemas"]["ImageTask"][];
    };
    TaskCreateRequest: {
      /** @enum {string} */
      type: "import" | "export";
      /**
       * @description For `import`: `import_from` (URL), `import_from_format` (disk format) and
       *     `image_properties` (object). For `export` (Rackspace only): `image_uuid` and
       *     `receiving_swift_container`.
       */
      input: {
        [key: string]: unknown;
      };
    };
    ImportRequest: {
      method: {
        /** @enum {string} */
        name:
          "glance-direct" | "web-download" | "copy-image" | "glance-download";
        /** @description Source URL for `web-download`. */
        uri?: string;
        /** @description Image id in the remote region, for `glance-download`. */
        glance_image_id?: string;
        /** @description Remote region, for `glance-download`. */
        glance_region?: string;
        /** @description Endpoint interface of the remote Glance (default `public`), for `glance-download`. */
        glance_service_interface?: string;
      };
      /** @description Stores to import to (multi-store). */
      stores?: string[];
      /** @description Import to every store. */
      all_stores?: boolean;
      /** @description Fail the import if any store fails (default true). */
      all_stores_must_succeed?: boolean;
    };
    ImportInfo: {
      "import-methods": {
        description?: string;
        type?: string;
        value: string[];
      };
    } & {
      [key: string]: unknown;
    };
    StoresInfo: {
      stores: ({
        id: string;
        description?: string;
        /** @description Present on the default store; Glance sends the string `"true"`. */
        default?: boolean | string;
        "read-only"?: boolean | string;
      } & {
        [key: string]: unknown;
      })[];
    };
    StoresDetailInfo: {
      stores: ({
        id: string;
        description?: string;
        default?: boolean | string;
        "read-only"?: boolean | string;
        /** @description Backend driver, e.g. `file`, `rbd`, `swift`. */
        type?: string;
        weight?: number;
        properties?: {
          [key: string]: unknown;
        };
      } & {
        [key: string]: unknown;
      })[];
    };
    UsageInfo: {
      /** @description Quota name (e.g. `image_size_total`, `image_count_total`) to limit and usage; empty when quotas are not enforced. */
      usage: {
        [key: string]: {
          limit: number;
          usage: number;
        };
      };
    };
    JsonSchemaDocument: {
      name: string;
      properties: {
        [key: string]: unknown;
      };
      links?: {
        [key: string]: unknown;
      }[];
      additionalProperties?:
        | boolean
        | {
            [key: string]: unknown;
          };
      required?: string[];
    } & {
      [key: string]: unknown;
    };
    /** @description Glance's JSON error body (sent when the request has `Accept: application/json`). */
    ErrorResponse: {
      /** @description Status code and reason, e.g. `409 Conflict`. */
      code?: string;
      title?: string;
      /** @description Human readable message; may contain literal `<br /><br />`. */
      message?: string;
    };
    CachedImageList: {
      cached_images: {
        image_id: string;
        hits: number;
        /** @description Unix time. */
        last_accessed: number;
        /** @description Unix time. */
        last_modified: number;
        size: number;
      }[];
      queued_images: string[];
    };
  };
  responses: {
    /** @description Success, no body. */
    NoContent: {
      headers: {
        "X-Openstack-Request-Id": components["headers"]["X-Openstack-Request-Id"];
        [name: string]: unknown;
      };
      content?: never;
    };
    /** @description A JSON Schema document. */
    JsonSchema: {
      headers: {
        "X-Openstack-Request-Id": components["headers"]["X-Openstack-Request-Id"];
        [name: string]: unknown;
      };
      content: {
        "application/json": components["schemas"]["JsonSchemaDocument"];
      };
    };
    /** @description Bad request. */
    BadRequest: {
      headers: {
        "X-Openstack-Request-Id": components["headers"]["X-Openstack-Request-Id"];
        [name: string]: unknown;
      };
      content: {
        "application/json": components["schemas"]["ErrorResponse"];
      };
    };
    /** @description Missing or invalid credentials. */
    Unauthorized: {
      headers: {
        "X-Openstack-Request-Id": components["headers"]["X-Openstack-Request-Id"];
        [name: string]: unknown;
      };
      content: {
        "application/json": components["schemas"]["ErrorResponse"];
      };
    };
    /** @description Not allowed by policy, or the attribute is read-only. */
    Forbidden: {
      headers: {
        "X-Openstack-Request-Id": components["headers"]["X-Openstack-Request-Id"];
        [name: string]: unknown;
      };
      content: {
        "application/json": components["schemas"]["ErrorResponse"];
      };
    };
    /** @description The resource does not exist or is not visible to the caller. */
    NotFound: {
      headers: {
        "X-Openstack-Request-Id": components["headers"]["X-Openstack-Request-Id"];
        [name: string]: unknown;
      };
      content: {
        "application/json": components["schemas"]["ErrorResponse"];
      };
    };
    /** @description The request conflicts with the state of the resource. */
    Conflict: {
      headers: {
        "X-Openstack-Request-Id": components["headers"]["X-Openstack-Request-Id"];
        [name: string]: unknown;
      };
      content: {
        "application/json": components["schemas"]["ErrorResponse"];
      };
    };
    /** @description The body is too large, or a quota would be exceeded. */
    RequestEntityTooLarge: {
      headers: {
        "X-Openstack-Request-Id": components["headers"]["X-Openstack-Request-Id"];
        [name: string]: unknown;
      };
      content: {
        "application/json": components["schemas"]["ErrorResponse"];
      };
    };
    /** @description Wrong `Content-Type` for the request body. */
    UnsupportedMediaType: {
      headers: {
        "X-Openstack-Request-Id": components["headers"]["X-Openstack-Request-Id"];
        [name: string]: unknown;
      };
      content: {
        "application/json": components["schemas"]["ErrorResponse"];
      };
    };
    /** @description Rate limited. */
    TooManyRequests: {
      headers: {
        "X-Openstack-Request-Id": components["headers"]["X-Openstack-Request-Id"];
        /** @description Seconds to wait before retrying. */
        "Retry-After"?: number;
        [name: string]: unknown;
      };
      content: {
        "application/json": components["schemas"]["ErrorResponse"];
      };
    };
    /** @description Server error. */
    InternalServerError: {
      headers: {
        "X-Openstack-Request-Id": components["headers"]["X-Openstack-Request-Id"];
        [name: string]: unknown;
      };
      content: {
        "application/json": components["schemas"]["ErrorResponse"];
      };
    };
    /** @description The service or its backend store is unavailable. */
    ServiceUnavailable: {
      headers: {
        "X-Openstack-Request-Id": components["headers"]["X-Openstack-Request-Id"];
        [name: string]: unknown;
      };
      content: {
        "application/json": components["schemas"]["ErrorResponse"];
      };
    };
  };
  parameters: {
    /** @description Identifier (UUID) of the image. */
    ImageId: string;
    /** @description Maximum number of entries in the page (the server caps it at `api_limit_max`, 1000 by default). */
    Limit: number;
    /** @description Id of the last entry of the previous page. An unknown marker is a 400. */
    Marker: string;
    /** @description Store to upload to, in a multi-store deployment (since 2.8). */
    ImageMetaStore: string;
  };
  requestBodies: never;
  headers: {
    /** @description Identifier of the request, for the operator's logs. */
    "X-Openstack-Request-Id": string;
    /** @description Hexadecimal MD5 digest of the whole image data (not base64). */
    "Content-MD5": string;
  };
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  listVersions: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The versions document. */
      200: {
        headers: {
          "X-Openstack-Request-Id": components["headers"]["X-Openstack-Request-Id"];
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["VersionsDocument"];
        };
      };
      /** @description The versions document (Glance's normal answer). */
      300: {
        headers: {
          "X-Openstack-Request-Id": components["headers"]["X-Openstack-Request-Id"];
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["VersionsDocument"];
        };
      };
      429: components["responses"]["TooManyRequests"];
      500: components["responses"]["InternalServerError"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  listImages: {
    parameters: {
      query?: {
        /** @description Maximum number of entries in the page (the server caps it at `api_limit_max`, 1000 by default). */
        limit?: components["parameters"]["Limit"];
        /** @description Id of the last entry of the previous page. An unknown marker is a 400. */
        marker?: components["parameters"]["Marker"];
        /** @description Filter by id; supports `in:` (e.g. `in:<id1>,<id2>`). */
        id?: string;
        /** @description Filter by exact name; supports `in:`. */
        name?: string;
        /** @description Filter by owner project id. */
        owner?: string;
        /** @description Filter by the protected flag (`true` or `false`). */
        protected?: "true" | "false";
        /** @description Filter by image status; supports `in:` (e.g. `in:active,queued`). */
        status?: string;
        /** @description Images that have every one of these tags. Repeat the parameter for several tags. */
        tag?: string[];
        /**
         * @description Filter by visibility. Without it the list holds public, community-accepted, shared-accepted
         *     and owned images (not community ones); `all` lists every image the caller can see.
         */
        visibility?: "public" | "private" | "shared" | "community" | "all";
        /** @description When `true`, list only hidden images; by default hidden images are left out (since 2.7). */
        os_hidden?: boolean;
        /** @description Filter shared images by the caller's member status (used with `visibility=shared`). */
        member_status?: "pending" | "accepted" | "rejected" | "all";
        /** @description Images whose size is at most this many bytes. */
        size_max?: number;
        /** @description Images whose size is at least this many bytes. */
        size_min?: number;
        /** @description Time filter with an operator prefix `gt:`, `gte:`, `lt:`, `lte:`, `neq:` or `eq:` (e.g. `lt:2024-06-01T00:00:00Z`). */
        created_at?: string;
        /** @description Time filter with an operator prefix `gt:`, `gte:`, `lt:`, `lte:`, `neq:` or `eq:`. */
        updated_at?: string;
        /** @description Filter by container format; supports `in:`. */
        container_format?: string;
        /** @description Filter by disk format; supports `in:`. */
        disk_format?: string;
        /** @description Attribute to sort by (default `created_at`). Repeatable; pair each with a `sort_dir`. */
        sort_key?: string[];
        /** @description Sort direction for the matching `sort_key` (default `desc`). Repeatable. */
        sort_dir?: ("asc" | "desc")[];
        /**
         * @description Alternative sort syntax: comma separated `key:direction` pairs, e.g.
         *     `sort=name:asc,status:desc`. Cannot be combined with `sort_key`/`sort_dir`.
         */
        sort?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of images. */
      200: {
        headers: {
          "X-Openstack-Request-Id": components["headers"]["X-Openstack-Request-Id"];
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ImageList"];
        };
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      429: components["responses"]["TooManyRequests"];
      500: components["responses"]["InternalServerError"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  createImage: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["ImageCreateRequest"];
      };
    };
    responses: {
      /** @description The image was created. */
      201: {
        headers: {
          "X-Openstack-Request-Id": components["headers"]["X-Openstack-Request-Id"];
          /** @description URL of the new image. */
          Location?: string;
          /** @description Comma separated import methods the deployment offers (since 2.6). */
          "OpenStack-image-import-methods"?: string;
          /** @description Comma separated identifiers of the stores, when multi-store is configured (since 2.8). */
          "OpenStack-image-store-ids"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Image"];
        };
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      409: components["responses"]["Conflict"];
      413: components["responses"]["RequestEntityTooLarge"];
      415: components["responses"]["UnsupportedMediaType"];
      429: components["responses"]["TooManyRequests"];
      500: components["responses"]["InternalServerError"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  showImage: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Identifier (UUID) of the image. */
        image_id: components["parameters"]["ImageId"];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The image. */
      200: {
        headers: {
          "X-Openstack-Request-Id": components["headers"]["X-Openstack-Request-Id"];
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Image"];
        };
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      404: components["responses"]["NotFound"];
      429: components["responses"]["TooManyRequests"];
      500: components["responses"]["InternalServerError"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  deleteImage: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Identifier (UUID) of the image. */
        image_id: components["parameters"]["ImageId"];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: components["responses"]["NoContent"];
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      404: components["responses"]["NotFound"];
      409: components["responses"]["Conflict"];
      429: components["responses"]["TooManyRequests"];
      500: components["responses"]["InternalServerError"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  updateImage: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Identifier (UUID) of the image. */
        image_id: components["parameters"]["ImageId"];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/openstack-images-v2.1-json-patch": components["schemas"]["ImagePatch"];
      };
    };
    responses: {
      /** @description The updated image. */
      200: {
        headers: {
          "X-Openstack-Request-Id": components["headers"]["X-Openstack-Request-Id"];
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Image"];
        };
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      404: components["responses"]["NotFound"];
      409: components["responses"]["Conflict"];
      413: components["responses"]["RequestEntityTooLarge"];
      415: components["responses"]["UnsupportedMediaType"];
      429: components["responses"]["TooManyRequests"];
      500: components["responses"]["InternalServerError"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  addImageTag: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Identifier (UUID) of the image. */
        image_id: components["parameters"]["ImageId"];
        /** @description The tag (at most 255 characters). */
        tag: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: components["responses"]["NoContent"];
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      404: components["responses"]["NotFound"];
      413: components["responses"]["RequestEntityTooLarge"];
      429: components["responses"]["TooManyRequests"];
      500: components["responses"]["InternalServerError"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  deleteImageTag: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Identifier (UUID) of the image. */
        image_id: components["parameters"]["ImageId"];
        /** @description The tag (at most 255 characters). */
        tag: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: components["responses"]["NoContent"];
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      404: components["responses"]["NotFound"];
      429: components["responses"]["TooManyRequests"];
      500: components["responses"]["InternalServerError"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  deactivateImage: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Identifier (UUID) of the image. */
        image_id: components["parameters"]["ImageId"];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: components["responses"]["NoContent"];
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      404: components["responses"]["NotFound"];
      409: components["responses"]["Conflict"];
      429: components["responses"]["TooManyRequests"];
      500: components["responses"]["InternalServerError"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  reactivateImage: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Identifier (UUID) of the image. */
        image_id: components["parameters"]["ImageId"];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: components["responses"]["NoContent"];
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      404: components["responses"]["NotFound"];
      409: components["responses"]["Conflict"];
      429: components["responses"]["TooManyRequests"];
      500: components["responses"]["InternalServerError"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  downloadImageData: {
    parameters: {
      query?: never;
      header?: {
        /** @description A single byte range, e.g. `bytes=0-1023`. */
        Range?: string;
      };
      path: {
        /** @description Identifier (UUID) of the image. */
        image_id: components["parameters"]["ImageId"];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The image data. */
      200: {
        headers: {
          "X-Openstack-Request-Id": components["headers"]["X-Openstack-Request-Id"];
          "Content-MD5": components["headers"]["Content-MD5"];
          /** @description Size of the body in bytes. */
          "Content-Length"?: number;
          [name: string]: unknown;
        };
        content: {
          "application/octet-stream": components["schemas"]["BinaryData"];
        };
      };
      /** @description The image has no data. */
      204: {
        headers: {
          "X-Openstack-Request-Id": components["headers"]["X-Openstack-Request-Id"];
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The requested range of the image data. */
      206: {
        headers: {
          "X-Openstack-Request-Id": components["headers"]["X-Openstack-Request-Id"];
          "Content-MD5": components["headers"]["Content-MD5"];
          /** @description The range returned, e.g. `bytes 0-9/1048576`. */
          "Content-Range"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/octet-stream": components["schemas"]["BinaryData"];
        };
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      404: components["responses"]["NotFound"];
      /** @description The requested range cannot be satisfied. */
      416: {
        headers: {
          "X-Openstack-Request-Id": components["headers"]["X-Openstack-Request-Id"];
          [name: string]: unknown;
        };
        content?: never;
      };
      429: components["responses"]["TooManyRequests"];
      500: components["responses"]["InternalServerError"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  uploadImageData: {
    parameters: {
      query?: never;
      header: {
        /** @description Must be `application/octet-stream`. */
        "Content-Type": "application/octet-stream";
        /** @description Store to upload to, in a multi-store deployment (since 2.8). */
        "X-Image-Meta-Store"?: components["parameters"]["ImageMetaStore"];
      };
      path: {
        /** @description Identifier (UUID) of the image. */
        image_id: components["parameters"]["ImageId"];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/octet-stream": components["schemas"]["BinaryData"];
      };
    };
    responses: {
      204: components["responses"]["NoContent"];
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      404: components["responses"]["NotFound"];
      409: components["responses"]["Conflict"];
      413: components["responses"]["RequestEntityTooLarge"];
      415: components["responses"]["UnsupportedMediaType"];
      429: components["responses"]["TooManyRequests"];
      500: components["responses"]["InternalServerError"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  stageImageData: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Identifier (UUID) of the image. */
        image_id: components["parameters"]["ImageId"];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/octet-stream": components["schemas"]["BinaryData"];
      };
    };
    responses: {
      204: components["responses"]["NoContent"];
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      404: components["responses"]["NotFound"];
      /** @description The import method `glance-direct` is not enabled. */
      405: {
        headers: {
          "X-Openstack-Request-Id": components["headers"]["X-Openstack-Request-Id"];
          [name: string]: unknown;
        };
        content?: never;
      };
      409: components["responses"]["Conflict"];
      413: components["responses"]["RequestEntityTooLarge"];
      415: components["responses"]["UnsupportedMediaType"];
      429: components["responses"]["TooManyRequests"];
      500: components["responses"]["InternalServerError"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  importImage: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Identifier (UUID) of the image. */
        image_id: components["parameters"]["ImageId"];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["ImportRequest"];
      };
    };
    responses: {
      /** @description The import was accepted and runs in the background. */
      202: {
        headers: {
          "X-Openstack-Request-Id": components["headers"]["X-Openstack-Request-Id"];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      404: components["responses"]["NotFound"];
      409: components["responses"]["Conflict"];
      415: components["responses"]["UnsupportedMediaType"];
      429: components["responses"]["TooManyRequests"];
      500: components["responses"]["InternalServerError"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  listImageTasks: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Identifier (UUID) of the image. */
        image_id: components["parameters"]["ImageId"];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The tasks associated with the image (possibly none). */
      200: {
        headers: {
          "X-Openstack-Request-Id": components["headers"]["X-Openstack-Request-Id"];
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ImageTaskList"];
        };
      };
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      404: components["responses"]["NotFound"];
      429: components["responses"]["TooManyRequests"];
      500: components["responses"]["InternalServerError"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  deleteImageFromStore: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Identifier of the store. */
        store_id: string;
        /** @description Identifier (UUID) of the image. */
        image_id: components["parameters"]["ImageId"];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: components["responses"]["NoContent"];
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      404: components["responses"]["NotFound"];
      409: components["responses"]["Conflict"];
      429: components["responses"]["TooManyRequests"];
      500: components["responses"]["InternalServerError"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  listImageMembers: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Identifier (UUID) of the image. */
        image_id: components["parameters"]["ImageId"];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The members of the image. */
      200: {
        headers: {
          "X-Openstack-Request-Id": components["headers"]["X-Openstack-Request-Id"];
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["MemberList"];
        };
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      404: components["responses"]["NotFound"];
      429: components["responses"]["TooManyRequests"];
      500: components["responses"]["InternalServerError"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  createImageMember: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Identifier (UUID) of the image. */
        image_id: components["parameters"]["ImageId"];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["MemberCreateRequest"];
      };
    };
    responses: {
      /** @description The new member (status `pending`). */
      200: {
        headers: {
          "X-Openstack-Request-Id": components["headers"]["X-Openstack-Request-Id"];
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Member"];
        };
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      404: components["responses"]["NotFound"];
      409: components["responses"]["Conflict"];
      413: components["responses"]["RequestEntityTooLarge"];
      429: components["responses"]["TooManyRequests"];
      500: components["responses"]["InternalServerError"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  showImageMember: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Identifier (UUID) of the image. */
        image_id: components["parameters"]["ImageId"];
        /** @description The project id of the member. */
        member_id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The member. */
      200: {
        headers: {
          "X-Openstack-Request-Id": components["headers"]["X-Openstack-Request-Id"];
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Member"];
        };
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      404: components["responses"]["NotFound"];
      429: components["responses"]["TooManyRequests"];
      500: components["responses"]["InternalServerError"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  updateImageMember: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Identifier (UUID) of the image. */
        image_id: components["parameters"]["ImageId"];
        /** @description The project id of the member. */
        member_id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["MemberUpdateRequest"];
      };
    };
    responses: {
      /** @description The updated member. */
      200: {
        headers: {
          "X-Openstack-Request-Id": components["headers"]["X-Openstack-Request-Id"];
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Member"];
        };
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      404: components["responses"]["NotFound"];
      429: components["responses"]["TooManyRequests"];
      500: components["responses"]["InternalServerError"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  deleteImageMember: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Identifier (UUID) of the image. */
        image_id: components["parameters"]["ImageId"];
        /** @description The project id of the member. */
        member_id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: components["responses"]["NoContent"];
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      404: components["responses"]["NotFound"];
      429: components["responses"]["TooManyRequests"];
      500: components["responses"]["InternalServerError"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  listTasks: {
    parameters: {
      query?: {
        /** @description Maximum number of entries in the page (the server caps it at `api_limit_max`, 1000 by default). */
        limit?: components["parameters"]["Limit"];
        /** @description Id of the last entry of the previous page. An unknown marker is a 400. */
        marker?: components["parameters"]["Marker"];
        /** @description Filter by task type. */
        type?: "import" | "export";
        /** @description Filter by task status. */
        status?: components["schemas"]["TaskStatus"];
        /** @description Attribute to sort by (default `created_at`). */
        sort_key?:
          | "id"
          | "type"
          | "status"
          | "created_at"
          | "updated_at"
          | "owner"
          | "expires_at";
        /** @description Sort direction (default `desc`). */
        sort_dir?: "asc" | "desc";
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of tasks. */
      200: {
        headers: {
          "X-Openstack-Request-Id": components["headers"]["X-Openstack-Request-Id"];
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["TaskList"];
        };
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      429: components["responses"]["TooManyRequests"];
      500: components["responses"]["InternalServerError"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  createTask: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["TaskCreateRequest"];
      };
    };
    responses: {
      /** @description The task was created (status `pending`). */
      201: {
        headers: {
          "X-Openstack-Request-Id": components["headers"]["X-Openstack-Request-Id"];
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Task"];
        };
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      413: components["responses"]["RequestEntityTooLarge"];
      429: components["responses"]["TooManyRequests"];
      500: components["responses"]["InternalServerError"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  showTask: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Identifier of the task. */
        task_id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The task. */
      200: {
        headers: {
          "X-Openstack-Request-Id": components["headers"]["X-Openstack-Request-Id"];
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Task"];
        };
      };
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      404: components["responses"]["NotFound"];
      429: components["responses"]["TooManyRequests"];
      500: components["responses"]["InternalServerError"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  showImagesSchema: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: components["responses"]["JsonSchema"];
      401: components["responses"]["Unauthorized"];
      429: components["responses"]["TooManyRequests"];
      500: components["responses"]["InternalServerError"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  showImageSchema: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: components["responses"]["JsonSchema"];
      401: components["responses"]["Unauthorized"];
      429: components["responses"]["TooManyRequests"];
      500: components["responses"]["InternalServerError"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  showMembersSchema: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: components["responses"]["JsonSchema"];
      401: components["responses"]["Unauthorized"];
      429: components["responses"]["TooManyRequests"];
      500: components["responses"]["InternalServerError"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  showMemberSchema: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: components["responses"]["JsonSchema"];
      401: components["responses"]["Unauthorized"];
      429: components["responses"]["TooManyRequests"];
      500: components["responses"]["InternalServerError"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  showTasksSchema: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: components["responses"]["JsonSchema"];
      401: components["responses"]["Unauthorized"];
      429: components["responses"]["TooManyRequests"];
      500: components["responses"]["InternalServerError"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  showTaskSchema: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: components["responses"]["JsonSchema"];
      401: components["responses"]["Unauthorized"];
      429: components["responses"]["TooManyRequests"];
      500: components["responses"]["InternalServerError"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  showImportInfo: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The import methods the deployment offers. */
      200: {
        headers: {
          "X-Openstack-Request-Id": components["headers"]["X-Openstack-Request-Id"];
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ImportInfo"];
        };
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      429: components["responses"]["TooManyRequests"];
      500: components["responses"]["InternalServerError"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  showStoresInfo: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The stores. */
      200: {
        headers: {
          "X-Openstack-Request-Id": components["headers"]["X-Openstack-Request-Id"];
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["StoresInfo"];
        };
      };
      401: components["responses"]["Unauthorized"];
      404: components["responses"]["NotFound"];
      429: components["responses"]["TooManyRequests"];
      500: components["responses"]["InternalServerError"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  showStoresDetailInfo: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The stores with their details. */
      200: {
        headers: {
          "X-Openstack-Request-Id": components["headers"]["X-Openstack-Request-Id"];
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["StoresDetailInfo"];
        };
      };
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      404: components["responses"]["NotFound"];
      429: components["responses"]["TooManyRequests"];
      500: components["responses"]["InternalServerError"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  showUsageInfo: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The quota usage. */
      200: {
        headers: {
          "X-Openstack-Request-Id": components["headers"]["X-Openstack-Request-Id"];
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["UsageInfo"];
        };
      };
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      429: components["responses"]["TooManyRequests"];
      500: components["responses"]["InternalServerError"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  listCachedImages: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The images in the cache and in its queue. */
      200: {
        headers: {
          "X-Openstack-Request-Id": components["headers"]["X-Openstack-Request-Id"];
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["CachedImageList"];
        };
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      404: components["responses"]["NotFound"];
      429: components["responses"]["TooManyRequests"];
      500: components["responses"]["InternalServerError"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  clearCache: {
    parameters: {
      query?: never;
      header?: {
        /** @description What to clear; both when absent. */
        "x-image-cache-clear-target"?: "cache" | "queue";
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: components["responses"]["NoContent"];
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      429: components["responses"]["TooManyRequests"];
      500: components["responses"]["InternalServerError"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  queueImageForCaching: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Identifier (UUID) of the image. */
        image_id: components["parameters"]["ImageId"];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The image was queued. */
      202: {
        headers: {
          "X-Openstack-Request-Id": components["headers"]["X-Openstack-Request-Id"];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      404: components["responses"]["NotFound"];
      429: components["responses"]["TooManyRequests"];
      500: components["responses"]["InternalServerError"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  deleteCachedImage: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Identifier (UUID) of the image. */
        image_id: components["parameters"]["ImageId"];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: components["responses"]["NoContent"];
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      404: components["responses"]["NotFound"];
      429: components["responses"]["TooManyRequests"];
      500: components["responses"]["InternalServerError"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  listImageLocations: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Identifier (UUID) of the image. */
        image_id: components["parameters"]["ImageId"];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The locations. */
      200: {
        headers: {
          "X-Openstack-Request-Id": components["headers"]["X-Openstack-Request-Id"];
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ImageLocation"][];
        };
      };
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      404: components["responses"]["NotFound"];
      429: components["responses"]["TooManyRequests"];
      500: components["responses"]["InternalServerError"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  addImageLocation: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Identifier (UUID) of the image. */
        image_id: components["parameters"]["ImageId"];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["ImageLocationCreateRequest"];
      };
    };
    responses: {
      /** @description The location was accepted. */
      202: {
        headers: {
          "X-Openstack-Request-Id": components["headers"]["X-Openstack-Request-Id"];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      404: components["responses"]["NotFound"];
      409: components["responses"]["Conflict"];
      429: components["responses"]["TooManyRequests"];
      500: components["responses"]["InternalServerError"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
}
