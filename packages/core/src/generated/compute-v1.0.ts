/**
 * GENERATED FILE, DO NOT EDIT.
 * Source: spec/compute-v1.0.yaml
 * Regenerate with `pnpm generate`; `pnpm generate:check` fails when this file is stale.
 */

export interface paths {
  "/v1.0": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Exchange a user name and API key for a token
     * @description The credentials go in request headers and the answer is in response headers: a 204
     *     with the token and the base URLs of the account's services. Identity v2.0 tokens
     *     work against the v1.0 API too.
     */
    get: operations["legacyAuthenticate"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/images": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List images (id and name) */
    get: operations["listLegacyImages"];
    put?: never;
    /** Create an image of a server */
    post: operations["createLegacyImage"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/images/detail": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List images with details */
    get: operations["listLegacyImagesDetail"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/images/{image_id}": {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Integer image id. */
        image_id: number;
      };
      cookie?: never;
    };
    /** Show image details */
    get: operations["getLegacyImage"];
    put?: never;
    post?: never;
    /** Delete an image */
    delete: operations["deleteLegacyImage"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/servers": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List servers (id and name) */
    get: operations["listLegacyServers"];
    put?: never;
    post?: never;
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
    /** @enum {string} */
    LegacyImageStatus:
      "ACTIVE" | "SAVING" | "PREPARING" | "QUEUED" | "FAILED" | "UNKNOWN";
    /** @description An image; the list without details has `id` and `name` only. */
    LegacyImage: {
      id: number;
      name: string;
      created?: string;
      updated?: string;
      status?: components["schemas"]["LegacyImageStatus"];
      progress?: number;
      serverId?: number;
    };
    LegacyImageList: {
      images: components["schemas"]["LegacyImage"][];
    };
    LegacyImageResponse: {
      image: components["schemas"]["LegacyImage"];
    };
    LegacyCreateImageRequest: {
      image: {
        serverId: number;
        name: string;
      };
    };
    LegacyServerList: {
      servers: {
        id: number;
        name: string;
      }[];
    };
    /** @description One key naming the fault (`itemNotFound`, `badRequest`, `cloudServersFault`, …). */
    LegacyFault: {
      [key: string]: {
        code?: number;
        message?: string;
        details?: string;
      };
    };
  };
  responses: {
    /** @description A fault body. */
    Fault: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        "application/json": components["schemas"]["LegacyFault"];
      };
    };
  };
  parameters: {
    /** @description Items to skip. */
    Offset: number;
    /** @description Page size (at most 1000). */
    Limit: number;
    /** @description Only images changed since this time. */
    ChangesSince: string;
  };
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  legacyAuthenticate: {
    parameters: {
      query?: never;
      header: {
        /** @description The user name. */
        "X-Auth-User": string;
        /** @description The user's API key. */
        "X-Auth-Key": string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Authenticated. */
      204: {
        headers: {
          /** @description The token to send to the services. */
          "X-Auth-Token": string;
          /** @description Base URL of the Cloud Servers v1.0 API of the account (`…/v1.0/{account}`). */
          "X-Server-Management-Url": string;
          /** @description Base URL of the account in Cloud Files. */
          "X-Storage-Url"?: string;
          /** @description The token for Cloud Files (the same token). */
          "X-Storage-Token"?: string;
          /** @description Base URL of the account's Cloud Files CDN management. */
          "X-CDN-Management-Url"?: string;
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Unknown user or wrong API key. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  listLegacyImages: {
    parameters: {
      query?: {
        /** @description Items to skip. */
        offset?: components["parameters"]["Offset"];
        /** @description Page size (at most 1000). */
        limit?: components["parameters"]["Limit"];
        /** @description Only images changed since this time. */
        "changes-since"?: components["parameters"]["ChangesSince"];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Images. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["LegacyImageList"];
        };
      };
      /** @description Images (from a cache). */
      203: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["LegacyImageList"];
        };
      };
      401: components["responses"]["Fault"];
    };
  };
  createLegacyImage: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["LegacyCreateImageRequest"];
      };
    };
    responses: {
      /** @description Accepted; the image is QUEUED. */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["LegacyImageResponse"];
        };
      };
      400: components["responses"]["Fault"];
      404: components["responses"]["Fault"];
      409: components["responses"]["Fault"];
    };
  };
  listLegacyImagesDetail: {
    parameters: {
      query?: {
        /** @description Items to skip. */
        offset?: components["parameters"]["Offset"];
        /** @description Page size (at most 1000). */
        limit?: components["parameters"]["Limit"];
        /** @description Only images changed since this time. */
        "changes-since"?: components["parameters"]["ChangesSince"];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Images with details. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["LegacyImageList"];
        };
      };
      /** @description Images with details (from a cache). */
      203: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["LegacyImageList"];
        };
      };
      401: components["responses"]["Fault"];
    };
  };
  getLegacyImage: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Integer image id. */
        image_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The image. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["LegacyImageResponse"];
        };
      };
      /** @description The image (from a cache). */
      203: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["LegacyImageResponse"];
        };
      };
      404: components["responses"]["Fault"];
    };
  };
  deleteLegacyImage: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Integer image id. */
        image_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      403: components["responses"]["Fault"];
      404: components["responses"]["Fault"];
    };
  };
  listLegacyServers: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Servers. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["LegacyServerList"];
        };
      };
      /** @description Servers (from a cache). */
      203: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["LegacyServerList"];
        };
      };
      401: components["responses"]["Fault"];
    };
  };
}
