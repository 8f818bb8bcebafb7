/**
 * Response schemas of the Image API v2 against JSON captured from a real Glance 25.1 (Zed),
 * run with the trusted-auth pipeline, a file store and the image cache enabled: both the zod
 * schemas users import (`@cloud-images/core/schemas`) and the validators the SDK itself checks
 * answers with (`src/validation/*`) must accept and refuse the same bodies.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as zodSchemas from "../src/schemas/image-v2.js";
import { CachedImageListSchema, ErrorResponseSchema } from "../src/schemas/image-v2.js";
import { imageTaskList, task, taskList } from "../src/validation/tasks.js";
import { image, imageList } from "../src/validation/images.js";
import { member, memberList } from "../src/validation/members.js";
import { importInfo, storesDetailInfo, storesInfo, usageInfo } from "../src/validation/discovery.js";
import { versionsDocument } from "../src/validation/versions.js";
import { jsonSchemaDocument } from "../src/validation/json-schema.js";
import type { Infer, ResponseSchema } from "../src/validation/validator.js";

/** The SDK's validators under the names of their zod twins. */
const sdkValidators = {
  ImageSchema: image,
  ImageListSchema: imageList,
  MemberSchema: member,
  MemberListSchema: memberList,
  TaskSchema: task,
  TaskListSchema: taskList,
  ImageTaskListSchema: imageTaskList,
  ImportInfoSchema: importInfo,
  StoresInfoSchema: storesInfo,
  StoresDetailInfoSchema: storesDetailInfo,
  UsageInfoSchema: usageInfo,
  VersionsDocumentSchema: versionsDocument,
  JsonSchemaDocumentSchema: jsonSchemaDocument,
} as const;
const zodTwins = Object.fromEntries(Object.keys(sdkValidators).map((name) => [name, zodSchemas[name as keyof typeof sdkValidators]])) as {
  [K in keyof typeof sdkValidators]: (typeof zodSchemas)[K];
};
/** The body, typed, or a failed test listing the problems (zod's `parse`, for either kind). */
function parsed<S extends ResponseSchema>(schema: S, value: unknown): Infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new Error(result.error.issues.map((i) => `${i.path.map(String).join(".")}: ${i.message}`).join("; "));
  return result.data as Infer<S>;
}

const KINDS = [
  ["zod/mini schemas (@cloud-images/core/schemas)", zodTwins],
  ["the SDK's validators", sdkValidators],
] as const;

// ---- captured from Glance 25.1 ------------------------------------------------------------

const IMAGE_ACTIVE = {
  "custom_prop": "x",
  "name": "cirros",
  "disk_format": "qcow2",
  "container_format": "bare",
  "visibility": "shared",
  "size": 1048576,
  "virtual_size": null,
  "status": "active",
  "checksum": "16767f276c67a380bc30390e7274ec08",
  "protected": false,
  "min_ram": 0,
  "min_disk": 0,
  "owner": "p1",
  "os_hidden": false,
  "os_hash_algo": "sha512",
  "os_hash_value": "24e7da150e36021244cb1b16eb5bef7d6c3168757797bceb6eaf2fa8ffa129d498e33be0b377bd7f1928bf7be06d8ef785676a17b5a6cb8c073d663f6aba8682",
  "id": "9516d1a9-c7bb-4044-a2b9-f51e1da1ae51",
  "created_at": "2026-11-22T18:16:17Z",
  "updated_at": "2026-11-22T18:16:17Z",
  "tags": [
    "a",
    "b"
  ],
  "self": "/v2/images/9516d1a9-c7bb-4044-a2b9-f51e1da1ae51",
  "file": "/v2/images/9516d1a9-c7bb-4044-a2b9-f51e1da1ae51/file",
  "schema": "/v2/schemas/image",
  "stores": "fs"
};

const IMAGE_QUEUED = {
  "name": null,
  "disk_format": null,
  "container_format": null,
  "visibility": "shared",
  "size": null,
  "virtual_size": null,
  "status": "queued",
  "checksum": null,
  "protected": false,
  "min_ram": 0,
  "min_disk": 0,
  "owner": "p1",
  "os_hidden": false,
  "os_hash_algo": null,
  "os_hash_value": null,
  "id": "0eec5621-05c2-43ac-beb7-8ece04ba05e1",
  "created_at": "2026-11-22T18:16:17Z",
  "updated_at": "2026-11-22T18:16:17Z",
  "tags": [],
  "self": "/v2/images/0eec5621-05c2-43ac-beb7-8ece04ba05e1",
  "file": "/v2/images/0eec5621-05c2-43ac-beb7-8ece04ba05e1/file",
  "schema": "/v2/schemas/image"
};

const IMAGE_LIST = {
  "images": [
    {
      "name": null,
      "disk_format": null,
      "container_format": null,
      "visibility": "shared",
      "size": null,
      "virtual_size": null,
      "status": "queued",
      "checksum": null,
      "protected": false,
      "min_ram": 0,
      "min_disk": 0,
      "owner": "p1",
      "os_hidden": false,
      "os_hash_algo": null,
      "os_hash_value": null,
      "id": "0eec5621-05c2-43ac-beb7-8ece04ba05e1",
      "created_at": "2026-11-22T18:16:17Z",
      "updated_at": "2026-11-22T18:16:17Z",
      "tags": [],
      "self": "/v2/images/0eec5621-05c2-43ac-beb7-8ece04ba05e1",
      "file": "/v2/images/0eec5621-05c2-43ac-beb7-8ece04ba05e1/file",
      "schema": "/v2/schemas/image"
    },
    {
      "custom_prop": "x",
      "name": "cirros",
      "disk_format": "qcow2",
      "container_format": "bare",
      "visibility": "shared",
      "size": 1048576,
      "virtual_size": null,
      "status": "active",
      "checksum": "16767f276c67a380bc30390e7274ec08",
      "protected": false,
      "min_ram": 0,
      "min_disk": 0,
      "owner": "p1",
      "os_hidden": false,
      "os_hash_algo": "sha512",
      "os_hash_value": "24e7da150e36021244cb1b16eb5bef7d6c3168757797bceb6eaf2fa8ffa129d498e33be0b377bd7f1928bf7be06d8ef785676a17b5a6cb8c073d663f6aba8682",
      "id": "9516d1a9-c7bb-4044-a2b9-f51e1da1ae51",
      "created_at": "2026-11-22T18:16:17Z",
      "updated_at": "2026-11-22T18:16:17Z",
      "tags": [
        "a",
        "b"
      ],
      "self": "/v2/images/9516d1a9-c7bb-4044-a2b9-f51e1da1ae51",
      "file": "/v2/images/9516d1a9-c7bb-4044-a2b9-f51e1da1ae51/file",
      "schema": "/v2/schemas/image",
      "stores": "fs"
    }
  ],
  "first": "/v2/images?limit=2",
  "schema": "/v2/schemas/images",
  "next": "/v2/images?limit=2&marker=9516d1a9-c7bb-4044-a2b9-f51e1da1ae51"
};

const MEMBER = {
  "member_id": "p2",
  "image_id": "9516d1a9-c7bb-4044-a2b9-f51e1da1ae51",
  "status": "pending",
  "created_at": "2026-11-22T18:16:22Z",
  "updated_at": "2026-11-22T18:16:22Z",
  "schema": "/v2/schemas/member"
};

const MEMBER_LIST = {
  "members": [
    {
      "member_id": "p2",
      "image_id": "9516d1a9-c7bb-4044-a2b9-f51e1da1ae51",
      "status": "accepted",
      "created_at": "2026-11-22T18:16:22Z",
      "updated_at": "2026-11-22T18:16:22Z",
      "schema": "/v2/schemas/member"
    }
  ],
  "schema": "/v2/schemas/members"
};

const TASK = {
  "id": "cb4837db-3f72-4fe2-9aaf-0db1f3e5b3b1",
  "input": {
    "import_from": "http://127.0.0.1:46501/img.qcow2",
    "import_from_format": "qcow2",
    "image_properties": {
      "disk_format": "qcow2",
      "container_format": "bare",
      "name": "t1"
    }
  },
  "type": "import",
  "status": "failure",
  "owner": "p1",
  "message": "Task failed due to Internal Error",
  "result": null,
  "created_at": "2026-11-22T18:16:42Z",
  "updated_at": "2026-11-22T18:16:43Z",
  "self": "/v2/tasks/cb4837db-3f72-4fe2-9aaf-0db1f3e5b3b1",
  "schema": "/v2/schemas/task",
  "request_id": "req-cae71123-0048-4f79-b28b-de9628b18e46",
  "user_id": "u1",
  "expires_at": "2026-11-24T18:16:43Z"
};

const TASK_LIST = {
  "tasks": [
    {
      "id": "cb4837db-3f72-4fe2-9aaf-0db1f3e5b3b1",
      "type": "import",
      "status": "failure",
      "owner": "p1",
      "created_at": "2026-11-22T18:16:42Z",
      "updated_at": "2026-11-22T18:16:43Z",
      "self": "/v2/tasks/cb4837db-3f72-4fe2-9aaf-0db1f3e5b3b1",
      "schema": "/v2/schemas/task",
      "expires_at": "2026-11-24T18:16:43Z"
    }
  ],
  "first": "/v2/tasks",
  "schema": "/v2/schemas/tasks"
};

const IMAGE_TASKS = {
  "tasks": [
    {
      "id": "b440372a-c66a-4c4b-95af-d6378ab282ed",
      "type": "api_image_import",
      "status": "success",
      "owner": "p1",
      "expires_at": "2026-11-24T18:16:55.504108",
      "created_at": "2026-11-22T18:16:55.407235",
      "updated_at": "2026-11-22T18:16:55.505179",
      "deleted_at": null,
      "deleted": false,
      "image_id": "d9c7f853-c5d9-40aa-a85f-064013b8c2b3",
      "request_id": "req-67ca6a15-6ac8-42fd-8aec-c71377545573",
      "user_id": "u1",
      "input": {
        "image_id": "d9c7f853-c5d9-40aa-a85f-064013b8c2b3",
        "import_req": {
          "method": {
            "name": "glance-direct"
          }
        },
        "backend": [
          "fs"
        ]
      },
      "result": {
        "image_id": "d9c7f853-c5d9-40aa-a85f-064013b8c2b3"
      },
      "message": "Copied 1 MiB"
    }
  ]
};

const ERROR_409 = {
  "message": "Member p2 is duplicated for image 9516d1a9-c7bb-4044-a2b9-f51e1da1ae51<br /><br />\n\n\n",
  "code": "409 Conflict",
  "title": "Conflict"
};

const IMPORT_INFO = {
  "import-methods": {
    "description": "Import methods available.",
    "type": "array",
    "value": [
      "glance-direct",
      "web-download",
      "copy-image"
    ]
  }
};

const STORES = {
  "stores": [
    {
      "id": "fs",
      "default": "true"
    }
  ]
};

const STORES_DETAIL = {
  "stores": [
    {
      "id": "fs",
      "default": "true",
      "type": "file",
      "properties": {
        "data_dir": "/tmp/glance-gi/data",
        "chunk_size": 65536,
        "thin_provisioning": false
      }
    }
  ]
};

const USAGE = {
  "usage": {}
};

const SCHEMA_MEMBER = {
  "name": "member",
  "properties": {
    "member_id": {
      "type": "string",
      "description": "An identifier for the image member (tenantId)"
    },
    "image_id": {
      "type": "string",
      "description": "An identifier for the image",
      "pattern": "^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$"
    },
    "created_at": {
      "type": "string",
      "description": "Date and time of image member creation"
    },
    "updated_at": {
      "type": "string",
      "description": "Date and time of last modification of image member"
    },
    "status": {
      "type": "string",
      "description": "The status of this image member",
      "enum": [
        "pending",
        "accepted",
        "rejected"
      ]
    },
    "schema": {
      "readOnly": true,
      "type": "string"
    }
  }
};

const VERSIONS = {
  "versions": [
    {
      "id": "v2.16",
      "status": "CURRENT",
      "links": [
        {
          "rel": "self",
          "href": "http://127.0.0.1:58293/v2/"
        }
      ]
    },
    {
      "id": "v2.15",
      "status": "SUPPORTED",
      "links": [
        {
          "rel": "self",
          "href": "http://127.0.0.1:58293/v2/"
        }
      ]
    },
    {
      "id": "v2.14",
      "status": "SUPPORTED",
      "links": [
        {
          "rel": "self",
          "href": "http://127.0.0.1:58293/v2/"
        }
      ]
    }
  ]
};

const CACHE = {
  "cached_images": [
    {
      "image_id": "9516d1a9-c7bb-4044-a2b9-f51e1da1ae51",
      "hits": 0,
      "last_accessed": 1795371391.9100952,
      "last_modified": 1795371391.9100952,
      "size": 1048576
    }
  ],
  "queued_images": []
};

const TASK_CREATED = {
  "id": "cb4837db-3f72-4fe2-9aaf-0db1f3e5b3b1",
  "input": {
    "import_from": "http://127.0.0.1:46501/img.qcow2",
    "import_from_format": "qcow2",
    "image_properties": {
      "disk_format": "qcow2",
      "container_format": "bare",
      "name": "t1"
    }
  },
  "type": "import",
  "status": "pending",
  "owner": "p1",
  "message": "",
  "result": null,
  "created_at": "2026-11-22T18:16:42Z",
  "updated_at": "2026-11-22T18:16:42Z",
  "self": "/v2/tasks/cb4837db-3f72-4fe2-9aaf-0db1f3e5b3b1",
  "schema": "/v2/schemas/task",
  "request_id": "req-cae71123-0048-4f79-b28b-de9628b18e46",
  "user_id": "u1"
};

// Not captured (quotas were not enforced, Glance answered `{"usage": {}}`): the documented shape.
const USAGE_ENFORCED = {
  usage: {
    image_size_total: { limit: 1024, usage: 256 },
    image_count_total: { limit: 100, usage: 7 },
    image_stage_total: { limit: 512, usage: 0 },
    image_count_uploading: { limit: 10, usage: 0 },
  },
};

describe.each(KINDS)("%s", (_kind, S) => {
  describe("image schemas", () => {
    it("parses an active image and keeps its custom properties", () => {
      const image = parsed(S.ImageSchema, IMAGE_ACTIVE);
      expect(image.status).toBe("active");
      expect(image.size).toBe(1048576);
      expect(image.stores).toBe("fs");
      expect(image["custom_prop"]).toBe("x");
    });

    it("parses a queued image with null base attributes and no stores", () => {
      const image = parsed(S.ImageSchema, IMAGE_QUEUED);
      expect(image.name).toBeNull();
      expect(image.disk_format).toBeNull();
      expect(image.checksum).toBeNull();
      expect(image.stores).toBeUndefined();
    });

    it("parses an image list page with a next link", () => {
      const page = parsed(S.ImageListSchema, IMAGE_LIST);
      expect(page.images).toHaveLength(2);
      expect(page.next).toMatch(/marker=/);
      expect(page.images[1]?.["custom_prop"]).toBe("x");
    });

    it("rejects wrong-typed image bodies", () => {
      expect(S.ImageSchema.safeParse({ ...IMAGE_ACTIVE, size: "1048576" }).success).toBe(false);
      expect(S.ImageSchema.safeParse({ ...IMAGE_ACTIVE, status: "gone" }).success).toBe(false);
      expect(S.ImageSchema.safeParse({ ...IMAGE_ACTIVE, disk_format: "qcow3" }).success).toBe(false);
      expect(S.ImageSchema.safeParse({ ...IMAGE_ACTIVE, min_ram: 1.5 }).success).toBe(false);
      const { checksum: _omitted, ...withoutChecksum } = IMAGE_ACTIVE;
      expect(S.ImageSchema.safeParse(withoutChecksum).success).toBe(false);
      expect(S.ImageListSchema.safeParse({ ...IMAGE_LIST, images: [{ id: 1 }] }).success).toBe(false);
    });
  });

  describe("member schemas", () => {
    it("parses a member and a member list", () => {
      expect(parsed(S.MemberSchema, MEMBER).status).toBe("pending");
      expect(parsed(S.MemberListSchema, MEMBER_LIST).members[0]?.status).toBe("accepted");
    });

    it("rejects an unknown member status", () => {
      expect(S.MemberSchema.safeParse({ ...MEMBER, status: "maybe" }).success).toBe(false);
    });
  });

  describe("task schemas", () => {
    it("parses a created, a finished and a listed task", () => {
      expect(parsed(S.TaskSchema, TASK_CREATED).status).toBe("pending");
      const task = parsed(S.TaskSchema, TASK);
      expect(task.status).toBe("failure");
      expect(task.input?.["import_from_format"]).toBe("qcow2");
      const page = parsed(S.TaskListSchema, TASK_LIST);
      expect(page.tasks[0]?.input).toBeUndefined();
    });

    it("parses the tasks of an image, with their extra database columns", () => {
      const list = parsed(S.ImageTaskListSchema, IMAGE_TASKS);
      expect(list.tasks[0]?.type).toBe("api_image_import");
      expect(list.tasks[0]?.["deleted"]).toBe(false);
    });

    it("rejects wrong-typed task bodies", () => {
      expect(S.TaskSchema.safeParse({ ...TASK, status: "done" }).success).toBe(false);
      expect(S.TaskSchema.safeParse({ ...TASK, result: "ok" }).success).toBe(false);
      expect(S.TaskListSchema.safeParse({ tasks: [] }).success).toBe(false);
    });
  });

  describe("discovery, versions and schema documents", () => {
    it("parses the versions document", () => {
      expect(parsed(S.VersionsDocumentSchema, VERSIONS).versions[0]?.status).toBe("CURRENT");
    });

    it("parses import, stores and usage info", () => {
      expect(parsed(S.ImportInfoSchema, IMPORT_INFO)["import-methods"].value).toContain("glance-direct");
      expect(parsed(S.StoresInfoSchema, STORES).stores[0]?.default).toBe("true");
      expect(parsed(S.StoresDetailInfoSchema, STORES_DETAIL).stores[0]?.type).toBe("file");
      expect(parsed(S.UsageInfoSchema, USAGE).usage).toEqual({});
      expect(parsed(S.UsageInfoSchema, USAGE_ENFORCED).usage["image_count_total"]?.usage).toBe(7);
      expect(S.UsageInfoSchema.safeParse({ usage: { image_count_total: { limit: "1" } } }).success).toBe(false);
    });

    it("parses a JSON Schema document", () => {
      expect(parsed(S.JsonSchemaDocumentSchema, SCHEMA_MEMBER).name).toBe("member");
      expect(S.JsonSchemaDocumentSchema.safeParse({ properties: {} }).success).toBe(false);
    });
  });
});

describe("cache listing (zod only: the SDK does not read the cache API)", () => {
  it("parses the cache listing", () => {
    expect(CachedImageListSchema.parse(CACHE).cached_images[0]?.size).toBe(1048576);
    expect(CachedImageListSchema.safeParse({ cached_images: [] }).success).toBe(false);
  });
});

describe("error body", () => {
  it("parses Glance's JSON error body", () => {
    const error = ErrorResponseSchema.parse(ERROR_409);
    expect(error.code).toBe("409 Conflict");
    expect(error.title).toBe("Conflict");
  });

  it("accepts an empty body and rejects a numeric code", () => {
    expect(ErrorResponseSchema.safeParse({}).success).toBe(true);
    expect(ErrorResponseSchema.safeParse({ code: 409 }).success).toBe(false);
  });
});

/** A copy of `value` with the JSON value at a random path replaced, or that key removed. */
const mutated = (value: unknown): fc.Arbitrary<unknown> => {
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[]): void => {
    paths.push(path);
    if (Array.isArray(v)) v.forEach((item, i) => walk(item, [...path, i]));
    else if (typeof v === "object" && v !== null) for (const [k, item] of Object.entries(v)) walk(item, [...path, k]);
  };
  walk(value, []);
  return fc.tuple(fc.constantFrom(...paths), fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined })).map(([path, replacement]) => {
    const copy = structuredClone(value) as Record<string | number, unknown>;
    if (path.length === 0) return replacement;
    let parent: Record<string | number, unknown> = copy;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
    const last = path[path.length - 1]!;
    if (replacement === undefined && !Array.isArray(parent)) delete parent[last];
    else parent[last] = replacement ?? null;
    return copy;
  });
};

describe("the SDK's validators and the zod schemas agree", () => {
  const cases: [keyof typeof sdkValidators, unknown][] = [
    ["ImageSchema", IMAGE_ACTIVE],
    ["ImageSchema", IMAGE_QUEUED],
    ["ImageListSchema", IMAGE_LIST],
    ["MemberSchema", MEMBER],
    ["MemberListSchema", MEMBER_LIST],
    ["TaskSchema", TASK],
    ["TaskListSchema", TASK_LIST],
    ["ImageTaskListSchema", IMAGE_TASKS],
    ["ImportInfoSchema", IMPORT_INFO],
    ["StoresInfoSchema", STORES],
    ["StoresDetailInfoSchema", STORES_DETAIL],
    ["UsageInfoSchema", USAGE_ENFORCED],
    ["VersionsDocumentSchema", VERSIONS],
    ["JsonSchemaDocumentSchema", SCHEMA_MEMBER],
  ];
  it.each(cases)("on %s bodies with one value changed or removed", (name, fixture) => {
    fc.assert(
      fc.property(mutated(fixture), (body) => {
        const zodSays = zodTwins[name].safeParse(body).success;
        const sdkSays = sdkValidators[name].safeParse(body).success;
        expect(sdkSays, JSON.stringify(body)).toBe(zodSays);
      }),
      { numRuns: 300 },
    );
  });
});
