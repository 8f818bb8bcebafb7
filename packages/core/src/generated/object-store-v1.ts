/**
 * GENERATED FILE, DO NOT EDIT.
 * Source: spec/object-store-v1.yaml
 * Regenerate with `pnpm generate`; `pnpm generate:check` fails when this file is stale.
 */

export interface paths {
  "/v1/{account}": {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The storage account (on Cloud Files `MossoCloudFS_` followed by an id). */
        account: components["parameters"]["Account"];
      };
      cookie?: never;
    };
    /**
     * Show account details and list containers
     * @description The containers of the account, sorted by name (byte-wise), at most `limit` of them.
     *     The plain text answer has one name per line; with `format=json` (or
     *     `Accept: application/json`) each container is an object with its object count and
     *     size. An empty plain text listing answers 204; an empty JSON listing may answer 200
     *     with `[]` or 204. The account counters are in the headers either way.
     */
    get: operations["listContainers"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    /**
     * Show account metadata
     * @description The account counters and metadata, in headers only.
     */
    head: operations["showAccountMetadata"];
    patch?: never;
    trace?: never;
  };
  "/v1/{account}/{container}": {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The storage account (on Cloud Files `MossoCloudFS_` followed by an id). */
        account: components["parameters"]["Account"];
        /** @description The container name, percent-encoded. */
        container: components["parameters"]["Container"];
      };
      cookie?: never;
    };
    /**
     * Show container details and list objects
     * @description The objects of the container, sorted by name (byte-wise), at most `limit` of them.
     *     The plain text answer has one name per line; with `format=json` (or
     *     `Accept: application/json`) each object is described by its hash, size, content
     *     type and modification time. With `delimiter`, names that contain the delimiter after
     *     `prefix` are rolled up into one `subdir` entry each. An empty plain text listing
     *     answers 204; an empty JSON listing may answer 200 with `[]` or 204.
     */
    get: operations["listObjects"];
    /**
     * Create container
     * @description Creates the container, or, when it exists already, only applies the metadata headers
     *     of the request (202). Container names are at most 256 bytes and contain no `/`.
     */
    put: operations["createContainer"];
    /**
     * Create, update or delete container metadata
     * @description Sets each `X-Container-Meta-*` key sent; keys not sent are kept.
     */
    post: operations["updateContainerMetadata"];
    /**
     * Delete container
     * @description Deletes an empty container; a container that still holds objects answers 409.
     */
    delete: operations["deleteContainer"];
    options?: never;
    /**
     * Show container metadata
     * @description The container counters and its `X-Container-Meta-*` metadata, in headers only.
     */
    head: operations["showContainerMetadata"];
    patch?: never;
    trace?: never;
  };
  "/v1/{account}/{container}/{object}": {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The storage account (on Cloud Files `MossoCloudFS_` followed by an id). */
        account: components["parameters"]["Account"];
        /** @description The container name, percent-encoded. */
        container: components["parameters"]["Container"];
        /** @description The object name, percent-encoded; it may contain `/`. */
        object: components["parameters"]["Object"];
      };
      cookie?: never;
    };
    /**
     * Get object content and metadata
     * @description The object's data as stored, with its metadata in the headers.
     */
    get: operations["getObject"];
    /**
     * Create or replace object
     * @description Stores the request body as the object, replacing any object of the same name and
     *     all of its metadata. When the request carries `ETag`, the store compares it with
     *     the MD5 of the data it received and answers 422 on a mismatch (nothing is stored).
     *     Object names are at most 1024 bytes.
     */
    put: operations["createOrReplaceObject"];
    /**
     * Create or update object metadata
     * @description Replaces the whole custom metadata of the object by the `X-Object-Meta-*` headers
     *     of the request: keys not sent are removed.
     */
    post: operations["updateObjectMetadata"];
    /**
     * Delete object
     * @description Removes the object and its metadata.
     */
    delete: operations["deleteObject"];
    options?: never;
    /**
     * Show object metadata
     * @description The headers `GET` would send, without the data.
     */
    head: operations["showObjectMetadata"];
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    /** @description A short human-readable explanation. */
    ErrorText: string;
    /** @description A container in a JSON account listing. */
    ContainerSummary: {
      /** @description The container name. */
      name: string;
      /** @description How many objects it holds. */
      count: number;
      /** @description How many bytes its objects take. */
      bytes: number;
      /** @description When the container was last changed (ISO 8601 without zone, UTC, microseconds). */
      last_modified?: string;
    } & {
      [key: string]: unknown;
    };
    /** @description The JSON account listing. */
    AccountListing: components["schemas"]["ContainerSummary"][];
    /** @description An object in a JSON container listing. */
    ObjectSummary: {
      /** @description The object name. */
      name: string;
      /** @description The MD5 checksum of the data (the object's ETag). */
      hash: string;
      /** @description Size in bytes. */
      bytes: number;
      /** @description The media type stored with the object. */
      content_type: string;
      /** @description When the object was last stored (ISO 8601 without zone, UTC, microseconds). */
      last_modified: string;
    } & {
      [key: string]: unknown;
    };
    /** @description A rolled-up name prefix in a JSON container listing asked with `delimiter`. */
    SubdirEntry: {
      /** @description The prefix, up to and including the delimiter. */
      subdir: string;
    } & {
      [key: string]: unknown;
    };
    /** @description The JSON container listing. */
    ContainerListing: (
      | components["schemas"]["ObjectSummary"]
      | components["schemas"]["SubdirEntry"]
    )[];
  };
  responses: {
    /** @description Done; no body. */
    Transaction: {
      headers: {
        "X-Trans-Id": components["headers"]["X-Trans-Id"];
        Date: components["headers"]["Date"];
        [name: string]: unknown;
      };
      content?: never;
    };
    /** @description An invalid name or request (for example a name that is too long). */
    BadRequest: {
      headers: {
        "X-Trans-Id": components["headers"]["X-Trans-Id"];
        [name: string]: unknown;
      };
      content: {
        "text/html": components["schemas"]["ErrorText"];
      };
    };
    /**
     * @description No valid token. Swift itself answers with an HTML body; the token check in front of
     *     Cloud Files may answer with a JSON fault object instead.
     */
    Unauthorized: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        "text/html": components["schemas"]["ErrorText"];
        "application/json": {
          [key: string]: unknown;
        };
      };
    };
    /** @description The token is not allowed to use this account. */
    Forbidden: {
      headers: {
        "X-Trans-Id": components["headers"]["X-Trans-Id"];
        [name: string]: unknown;
      };
      content: {
        "text/html": components["schemas"]["ErrorText"];
      };
    };
    /** @description The container or object does not exist. */
    NotFound: {
      headers: {
        "X-Trans-Id": components["headers"]["X-Trans-Id"];
        [name: string]: unknown;
      };
      content: {
        "text/html": components["schemas"]["ErrorText"];
      };
    };
    /** @description The container still holds objects. */
    Conflict: {
      headers: {
        "X-Trans-Id": components["headers"]["X-Trans-Id"];
        [name: string]: unknown;
      };
      content: {
        "text/html": components["schemas"]["ErrorText"];
      };
    };
    /** @description Neither `Content-Length` nor `Transfer-Encoding: chunked` was sent. */
    LengthRequired: {
      headers: {
        "X-Trans-Id": components["headers"]["X-Trans-Id"];
        [name: string]: unknown;
      };
      content: {
        "text/html": components["schemas"]["ErrorText"];
      };
    };
    /** @description A listing `limit` above the maximum (10000). */
    PreconditionFailed: {
      headers: {
        "X-Trans-Id": components["headers"]["X-Trans-Id"];
        [name: string]: unknown;
      };
      content: {
        "text/html": components["schemas"]["ErrorText"];
      };
    };
    /** @description The `ETag` sent does not match the MD5 of the data received; nothing was stored. */
    UnprocessableEntity: {
      headers: {
        "X-Trans-Id": components["headers"]["X-Trans-Id"];
        [name: string]: unknown;
      };
      content: {
        "text/html": components["schemas"]["ErrorText"];
      };
    };
    /** @description The store cannot answer right now; retry later. */
    ServiceUnavailable: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        "text/html": components["schemas"]["ErrorText"];
      };
    };
  };
  parameters: {
    /** @description The storage account (on Cloud Files `MossoCloudFS_` followed by an id). */
    Account: string;
    /** @description The container name, percent-encoded. */
    Container: string;
    /** @description The object name, percent-encoded; it may contain `/`. */
    Object: string;
    /** @description `json` for a JSON listing; without it the listing is plain text. */
    Format: "json" | "plain";
    /** @description At most this many entries (default and maximum 10000; more answers 412). */
    Limit: number;
    /** @description Only names sorting after this one. */
    Marker: string;
    /** @description Only names sorting before this one. */
    EndMarker: string;
    /** @description Only names starting with this string. */
    Prefix: string;
    /** @description One character; names containing it after `prefix` are rolled up into `subdir` entries. */
    Delimiter: string;
    /** @description `application/json` asks for a JSON listing when `format` is absent. */
    Accept: string;
    /** @description A metadata key of the container (one header per key, `name` standing for the key). */
    "X-Container-Meta": string;
    /** @description A metadata key of the object (one header per key, `name` standing for the key). */
    "X-Object-Meta": string;
  };
  requestBodies: never;
  headers: {
    /** @description The transaction id the store gave this request. */
    "X-Trans-Id": string;
    /** @description When the answer was made (HTTP date). */
    Date: string;
    /** @description When the account, container or object was created, in UNIX epoch seconds with five decimals. */
    "X-Timestamp": string;
    /** @description How many containers the account has. */
    "X-Account-Container-Count": number;
    /** @description How many objects the account has, over all containers. */
    "X-Account-Object-Count": number;
    /** @description How many bytes the account stores, over all containers. */
    "X-Account-Bytes-Used": number;
    /** @description How many objects the container has. */
    "X-Container-Object-Count": number;
    /** @description How many bytes the objects of the container take. */
    "X-Container-Bytes-Used": number;
    /** @description Size of the object in bytes. */
    "Content-Length": number;
    /** @description The media type stored with the object. */
    "Content-Type": string;
    /** @description The MD5 checksum of the object data, lower-case hexadecimal, not quoted. */
    ETag: string;
    /** @description When the object was last stored (HTTP date, rounded up to the second). */
    "Last-Modified": string;
  };
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  listContainers: {
    parameters: {
      query?: {
        /** @description `json` for a JSON listing; without it the listing is plain text. */
        format?: components["parameters"]["Format"];
        /** @description At most this many entries (default and maximum 10000; more answers 412). */
        limit?: components["parameters"]["Limit"];
        /** @description Only names sorting after this one. */
        marker?: components["parameters"]["Marker"];
        /** @description Only names sorting before this one. */
        end_marker?: components["parameters"]["EndMarker"];
        /** @description Only names starting with this string. */
        prefix?: components["parameters"]["Prefix"];
      };
      header?: {
        /** @description `application/json` asks for a JSON listing when `format` is absent. */
        Accept?: components["parameters"]["Accept"];
      };
      path: {
        /** @description The storage account (on Cloud Files `MossoCloudFS_` followed by an id). */
        account: components["parameters"]["Account"];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The containers. */
      200: {
        headers: {
          "X-Account-Container-Count": components["headers"]["X-Account-Container-Count"];
          "X-Account-Object-Count": components["headers"]["X-Account-Object-Count"];
          "X-Account-Bytes-Used": components["headers"]["X-Account-Bytes-Used"];
          "X-Timestamp": components["headers"]["X-Timestamp"];
          "X-Trans-Id": components["headers"]["X-Trans-Id"];
          Date: components["headers"]["Date"];
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["AccountListing"];
          "text/plain": string;
        };
      };
      /** @description No container to list (none in the account, or past the end of the list). */
      204: {
        headers: {
          "X-Account-Container-Count": components["headers"]["X-Account-Container-Count"];
          "X-Account-Object-Count": components["headers"]["X-Account-Object-Count"];
          "X-Account-Bytes-Used": components["headers"]["X-Account-Bytes-Used"];
          "X-Timestamp": components["headers"]["X-Timestamp"];
          "X-Trans-Id": components["headers"]["X-Trans-Id"];
          Date: components["headers"]["Date"];
          [name: string]: unknown;
        };
        content?: never;
      };
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      412: components["responses"]["PreconditionFailed"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  showAccountMetadata: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The storage account (on Cloud Files `MossoCloudFS_` followed by an id). */
        account: components["parameters"]["Account"];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The account counters. */
      204: {
        headers: {
          "X-Account-Container-Count": components["headers"]["X-Account-Container-Count"];
          "X-Account-Object-Count": components["headers"]["X-Account-Object-Count"];
          "X-Account-Bytes-Used": components["headers"]["X-Account-Bytes-Used"];
          "X-Timestamp": components["headers"]["X-Timestamp"];
          "X-Trans-Id": components["headers"]["X-Trans-Id"];
          Date: components["headers"]["Date"];
          [name: string]: unknown;
        };
        content?: never;
      };
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  listObjects: {
    parameters: {
      query?: {
        /** @description `json` for a JSON listing; without it the listing is plain text. */
        format?: components["parameters"]["Format"];
        /** @description At most this many entries (default and maximum 10000; more answers 412). */
        limit?: components["parameters"]["Limit"];
        /** @description Only names sorting after this one. */
        marker?: components["parameters"]["Marker"];
        /** @description Only names sorting before this one. */
        end_marker?: components["parameters"]["EndMarker"];
        /** @description Only names starting with this string. */
        prefix?: components["parameters"]["Prefix"];
        /** @description One character; names containing it after `prefix` are rolled up into `subdir` entries. */
        delimiter?: components["parameters"]["Delimiter"];
      };
      header?: {
        /** @description `application/json` asks for a JSON listing when `format` is absent. */
        Accept?: components["parameters"]["Accept"];
      };
      path: {
        /** @description The storage account (on Cloud Files `MossoCloudFS_` followed by an id). */
        account: components["parameters"]["Account"];
        /** @description The container name, percent-encoded. */
        container: components["parameters"]["Container"];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The objects. */
      200: {
        headers: {
          "X-Container-Object-Count": components["headers"]["X-Container-Object-Count"];
          "X-Container-Bytes-Used": components["headers"]["X-Container-Bytes-Used"];
          "X-Timestamp": components["headers"]["X-Timestamp"];
          "X-Trans-Id": components["headers"]["X-Trans-Id"];
          Date: components["headers"]["Date"];
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ContainerListing"];
          "text/plain": string;
        };
      };
      /** @description No object to list (an empty container, or past the end of the list). */
      204: {
        headers: {
          "X-Container-Object-Count": components["headers"]["X-Container-Object-Count"];
          "X-Container-Bytes-Used": components["headers"]["X-Container-Bytes-Used"];
          "X-Timestamp": components["headers"]["X-Timestamp"];
          "X-Trans-Id": components["headers"]["X-Trans-Id"];
          Date: components["headers"]["Date"];
          [name: string]: unknown;
        };
        content?: never;
      };
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      404: components["responses"]["NotFound"];
      412: components["responses"]["PreconditionFailed"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  createContainer: {
    parameters: {
      query?: never;
      header?: {
        /** @description A metadata key of the container (one header per key, `name` standing for the key). */
        "X-Container-Meta-name"?: components["parameters"]["X-Container-Meta"];
      };
      path: {
        /** @description The storage account (on Cloud Files `MossoCloudFS_` followed by an id). */
        account: components["parameters"]["Account"];
        /** @description The container name, percent-encoded. */
        container: components["parameters"]["Container"];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      201: components["responses"]["Transaction"];
      202: components["responses"]["Transaction"];
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  updateContainerMetadata: {
    parameters: {
      query?: never;
      header?: {
        /** @description A metadata key of the container (one header per key, `name` standing for the key). */
        "X-Container-Meta-name"?: components["parameters"]["X-Container-Meta"];
      };
      path: {
        /** @description The storage account (on Cloud Files `MossoCloudFS_` followed by an id). */
        account: components["parameters"]["Account"];
        /** @description The container name, percent-encoded. */
        container: components["parameters"]["Container"];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: components["responses"]["Transaction"];
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      404: components["responses"]["NotFound"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  deleteContainer: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The storage account (on Cloud Files `MossoCloudFS_` followed by an id). */
        account: components["parameters"]["Account"];
        /** @description The container name, percent-encoded. */
        container: components["parameters"]["Container"];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: components["responses"]["Transaction"];
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      404: components["responses"]["NotFound"];
      409: components["responses"]["Conflict"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  showContainerMetadata: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The storage account (on Cloud Files `MossoCloudFS_` followed by an id). */
        account: components["parameters"]["Account"];
        /** @description The container name, percent-encoded. */
        container: components["parameters"]["Container"];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The container counters and metadata. */
      204: {
        headers: {
          "X-Container-Object-Count": components["headers"]["X-Container-Object-Count"];
          "X-Container-Bytes-Used": components["headers"]["X-Container-Bytes-Used"];
          "X-Timestamp": components["headers"]["X-Timestamp"];
          "X-Trans-Id": components["headers"]["X-Trans-Id"];
          Date: components["headers"]["Date"];
          [name: string]: unknown;
        };
        content?: never;
      };
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      404: components["responses"]["NotFound"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  getObject: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The storage account (on Cloud Files `MossoCloudFS_` followed by an id). */
        account: components["parameters"]["Account"];
        /** @description The container name, percent-encoded. */
        container: components["parameters"]["Container"];
        /** @description The object name, percent-encoded; it may contain `/`. */
        object: components["parameters"]["Object"];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The object data. */
      200: {
        headers: {
          "Content-Length": components["headers"]["Content-Length"];
          "Content-Type": components["headers"]["Content-Type"];
          ETag: components["headers"]["ETag"];
          "Last-Modified": components["headers"]["Last-Modified"];
          "X-Timestamp": components["headers"]["X-Timestamp"];
          "X-Trans-Id": components["headers"]["X-Trans-Id"];
          Date: components["headers"]["Date"];
          [name: string]: unknown;
        };
        content: {
          "application/octet-stream": string;
        };
      };
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      404: components["responses"]["NotFound"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  createOrReplaceObject: {
    parameters: {
      query?: never;
      header?: {
        /** @description The MD5 checksum of the data, as lower-case hexadecimal. */
        ETag?: string;
        /** @description The media type to store with the object (default `application/octet-stream`). */
        "Content-Type"?: string;
        /** @description A metadata key of the object (one header per key, `name` standing for the key). */
        "X-Object-Meta-name"?: components["parameters"]["X-Object-Meta"];
      };
      path: {
        /** @description The storage account (on Cloud Files `MossoCloudFS_` followed by an id). */
        account: components["parameters"]["Account"];
        /** @description The container name, percent-encoded. */
        container: components["parameters"]["Container"];
        /** @description The object name, percent-encoded; it may contain `/`. */
        object: components["parameters"]["Object"];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/octet-stream": string;
      };
    };
    responses: {
      /** @description Stored. */
      201: {
        headers: {
          ETag: components["headers"]["ETag"];
          "Last-Modified": components["headers"]["Last-Modified"];
          "X-Trans-Id": components["headers"]["X-Trans-Id"];
          Date: components["headers"]["Date"];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      404: components["responses"]["NotFound"];
      411: components["responses"]["LengthRequired"];
      422: components["responses"]["UnprocessableEntity"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  updateObjectMetadata: {
    parameters: {
      query?: never;
      header?: {
        /** @description A metadata key of the object (one header per key, `name` standing for the key). */
        "X-Object-Meta-name"?: components["parameters"]["X-Object-Meta"];
      };
      path: {
        /** @description The storage account (on Cloud Files `MossoCloudFS_` followed by an id). */
        account: components["parameters"]["Account"];
        /** @description The container name, percent-encoded. */
        container: components["parameters"]["Container"];
        /** @description The object name, percent-encoded; it may contain `/`. */
        object: components["parameters"]["Object"];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      202: components["responses"]["Transaction"];
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      404: components["responses"]["NotFound"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  deleteObject: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The storage account (on Cloud Files `MossoCloudFS_` followed by an id). */
        account: components["parameters"]["Account"];
        /** @description The container name, percent-encoded. */
        container: components["parameters"]["Container"];
        /** @description The object name, percent-encoded; it may contain `/`. */
        object: components["parameters"]["Object"];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: components["responses"]["Transaction"];
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      404: components["responses"]["NotFound"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
  showObjectMetadata: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The storage account (on Cloud Files `MossoCloudFS_` followed by an id). */
        account: components["parameters"]["Account"];
        /** @description The container name, percent-encoded. */
        container: components["parameters"]["Container"];
        /** @description The object name, percent-encoded; it may contain `/`. */
        object: components["parameters"]["Object"];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The object metadata. */
      200: {
        headers: {
          "Content-Length": components["headers"]["Content-Length"];
          "Content-Type": components["headers"]["Content-Type"];
          ETag: components["headers"]["ETag"];
          "Last-Modified": components["headers"]["Last-Modified"];
          "X-Timestamp": components["headers"]["X-Timestamp"];
          "X-Trans-Id": components["headers"]["X-Trans-Id"];
          Date: components["headers"]["Date"];
          [name: string]: unknown;
        };
        content?: never;
      };
      401: components["responses"]["Unauthorized"];
      403: components["responses"]["Forbidden"];
      404: components["responses"]["NotFound"];
      503: components["responses"]["ServiceUnavailable"];
    };
  };
}
