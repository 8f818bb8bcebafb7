/**
 * GENERATED FILE, DO NOT EDIT.
 * Source: spec/compute-v2-images.yaml
 * Regenerate with `pnpm generate`; `pnpm generate:check` fails when this file is stale.
 */

export interface paths {
  "/images": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List images (id, name, links) */
    get: operations["listComputeImages"];
    put?: never;
    post?: never;
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
    get: operations["listComputeImagesDetail"];
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
        /** @description Image UUID. */
        image_id: components["parameters"]["ImageId"];
      };
      cookie?: never;
    };
    /** Show image details */
    get: operations["getComputeImage"];
    put?: never;
    post?: never;
    /** Delete an image */
    delete: operations["deleteComputeImage"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/images/{image_id}/metadata": {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Image UUID. */
        image_id: components["parameters"]["ImageId"];
      };
      cookie?: never;
    };
    /** List image metadata */
    get: operations["listComputeImageMetadata"];
    /** Set image metadata (replace all) */
    put: operations["setComputeImageMetadata"];
    /**
     * Update image metadata (merge)
     * @description Adds the given keys and replaces their values; other keys stay.
     */
    post: operations["updateComputeImageMetadata"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/images/{image_id}/metadata/{key}": {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Image UUID. */
        image_id: components["parameters"]["ImageId"];
        /** @description Metadata key. */
        key: string;
      };
      cookie?: never;
    };
    /** Show one metadata item */
    get: operations["getComputeImageMetadataItem"];
    /** Create or replace one metadata item */
    put: operations["setComputeImageMetadataItem"];
    post?: never;
    /** Delete one metadata item */
    delete: operations["deleteComputeImageMetadataItem"];
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
    /** List servers (id, name, links) */
    get: operations["listComputeServers"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/servers/{server_id}/action": {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Server UUID. */
        server_id: string;
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Create an image of a server (createImage action)
     * @description Answers 202 without a body; the new image's URL is in `Location`. The image is SAVING, with `progress`, until ACTIVE.
     */
    post: operations["createServerImage"];
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
    ComputeImageStatus: "ACTIVE" | "SAVING" | "ERROR" | "DELETED" | "UNKNOWN";
    ComputeLink: {
      rel: string;
      href: string;
      type?: string;
    };
    ComputeImageSummary: {
      id: string;
      name: string;
      links: components["schemas"]["ComputeLink"][];
    };
    /** @description An image with details; extension attributes (`OS-EXT-IMG-SIZE:size`, `OS-DCF:diskConfig`) are kept. */
    ComputeImage: {
      id: string;
      name: string;
      status: components["schemas"]["ComputeImageStatus"];
      progress: number;
      created: string;
      updated: string;
      minDisk: number;
      minRam: number;
      metadata: {
        [key: string]: string;
      };
      links: components["schemas"]["ComputeLink"][];
      server?: {
        id: string;
        links?: components["schemas"]["ComputeLink"][];
      };
    } & {
      [key: string]: unknown;
    };
    ComputeImageList: {
      images: components["schemas"]["ComputeImage"][];
      images_links?: components["schemas"]["ComputeLink"][];
    };
    ComputeImageSummaryList: {
      images: components["schemas"]["ComputeImageSummary"][];
      images_links?: components["schemas"]["ComputeLink"][];
    };
    ComputeImageResponse: {
      image: components["schemas"]["ComputeImage"];
    };
    ImageMetadata: {
      metadata: {
        [key: string]: string;
      };
    };
    ImageMetadataItem: {
      meta: {
        [key: string]: string;
      };
    };
    ServerSummaryList: {
      servers: {
        id: string;
        name: string;
        links?: components["schemas"]["ComputeLink"][];
      }[];
    };
    CreateImageAction: {
      createImage: {
        name: string;
        metadata?: {
          [key: string]: string;
        };
      };
    };
    /** @description One key naming the fault, whose value holds the code and message. */
    ComputeFault: {
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
        "application/json": components["schemas"]["ComputeFault"];
      };
    };
  };
  parameters: {
    /** @description Image UUID. */
    ImageId: string;
    /** @description Only images made from this server (its id or URL). */
    ServerFilter: string;
    /** @description Only images with this name. */
    NameFilter: string;
    /** @description Only images with this status. */
    StatusFilter: components["schemas"]["ComputeImageStatus"];
    /** @description Only images changed since this time (ISO 8601); deleted images show as DELETED. */
    ChangesSince: string;
    /** @description Id of the last image of the previous page. */
    Marker: string;
    /** @description Page size. */
    Limit: number;
    /** @description BASE (provider images) or SNAPSHOT (images made from servers). */
    TypeFilter: "BASE" | "SNAPSHOT";
  };
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  listComputeImages: {
    parameters: {
      query?: {
        /** @description Only images made from this server (its id or URL). */
        server?: components["parameters"]["ServerFilter"];
        /** @description Only images with this name. */
        name?: components["parameters"]["NameFilter"];
        /** @description Only images with this status. */
        status?: components["parameters"]["StatusFilter"];
        /** @description Only images changed since this time (ISO 8601); deleted images show as DELETED. */
        "changes-since"?: components["parameters"]["ChangesSince"];
        /** @description Id of the last image of the previous page. */
        marker?: components["parameters"]["Marker"];
        /** @description Page size. */
        limit?: components["parameters"]["Limit"];
        /** @description BASE (provider images) or SNAPSHOT (images made from servers). */
        type?: components["parameters"]["TypeFilter"];
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
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ComputeImageSummaryList"];
        };
      };
      /** @description One page of images (from a cache). */
      203: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ComputeImageSummaryList"];
        };
      };
      400: components["responses"]["Fault"];
      401: components["responses"]["Fault"];
    };
  };
  listComputeImagesDetail: {
    parameters: {
      query?: {
        /** @description Only images made from this server (its id or URL). */
        server?: components["parameters"]["ServerFilter"];
        /** @description Only images with this name. */
        name?: components["parameters"]["NameFilter"];
        /** @description Only images with this status. */
        status?: components["parameters"]["StatusFilter"];
        /** @description Only images changed since this time (ISO 8601); deleted images show as DELETED. */
        "changes-since"?: components["parameters"]["ChangesSince"];
        /** @description Id of the last image of the previous page. */
        marker?: components["parameters"]["Marker"];
        /** @description Page size. */
        limit?: components["parameters"]["Limit"];
        /** @description BASE (provider images) or SNAPSHOT (images made from servers). */
        type?: components["parameters"]["TypeFilter"];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of images with details. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ComputeImageList"];
        };
      };
      /** @description One page of images with details (from a cache). */
      203: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ComputeImageList"];
        };
      };
      400: components["responses"]["Fault"];
      401: components["responses"]["Fault"];
    };
  };
  getComputeImage: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Image UUID. */
        image_id: components["parameters"]["ImageId"];
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
          "application/json": components["schemas"]["ComputeImageResponse"];
        };
      };
      /** @description The image (from a cache). */
      203: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ComputeImageResponse"];
        };
      };
      404: components["responses"]["Fault"];
    };
  };
  deleteComputeImage: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Image UUID. */
        image_id: components["parameters"]["ImageId"];
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
  listComputeImageMetadata: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Image UUID. */
        image_id: components["parameters"]["ImageId"];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description All metadata. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ImageMetadata"];
        };
      };
      /** @description All metadata (from a cache). */
      203: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ImageMetadata"];
        };
      };
      404: components["responses"]["Fault"];
    };
  };
  setComputeImageMetadata: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Image UUID. */
        image_id: components["parameters"]["ImageId"];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["ImageMetadata"];
      };
    };
    responses: {
      /** @description The metadata now set. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ImageMetadata"];
        };
      };
      400: components["responses"]["Fault"];
      403: components["responses"]["Fault"];
      404: components["responses"]["Fault"];
    };
  };
  updateComputeImageMetadata: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Image UUID. */
        image_id: components["parameters"]["ImageId"];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["ImageMetadata"];
      };
    };
    responses: {
      /** @description All metadata after the update. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ImageMetadata"];
        };
      };
      400: components["responses"]["Fault"];
      403: components["responses"]["Fault"];
      404: components["responses"]["Fault"];
    };
  };
  getComputeImageMetadataItem: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Image UUID. */
        image_id: components["parameters"]["ImageId"];
        /** @description Metadata key. */
        key: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The item. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ImageMetadataItem"];
        };
      };
      /** @description The item (from a cache). */
      203: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ImageMetadataItem"];
        };
      };
      404: components["responses"]["Fault"];
    };
  };
  setComputeImageMetadataItem: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Image UUID. */
        image_id: components["parameters"]["ImageId"];
        /** @description Metadata key. */
        key: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["ImageMetadataItem"];
      };
    };
    responses: {
      /** @description The item as set. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ImageMetadataItem"];
        };
      };
      400: components["responses"]["Fault"];
      404: components["responses"]["Fault"];
    };
  };
  deleteComputeImageMetadataItem: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Image UUID. */
        image_id: components["parameters"]["ImageId"];
        /** @description Metadata key. */
        key: string;
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
      404: components["responses"]["Fault"];
    };
  };
  listComputeServers: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The tenant's servers. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ServerSummaryList"];
        };
      };
      /** @description The tenant's servers (from a cache). */
      203: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ServerSummaryList"];
        };
      };
      401: components["responses"]["Fault"];
    };
  };
  createServerImage: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Server UUID. */
        server_id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["CreateImageAction"];
      };
    };
    responses: {
      /** @description Accepted. */
      202: {
        headers: {
          /** @description URL of the new image. */
          Location?: string;
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components["responses"]["Fault"];
      404: components["responses"]["Fault"];
      409: components["responses"]["Fault"];
    };
  };
}
