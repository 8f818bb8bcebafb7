import type { CallOptions, HttpClient } from "../http/http-client.js";
import { apiPromise, type ApiPromise } from "../http/api-promise.js";
import { imageOp, type ImagesApi } from "../images/images-api.js";
import type { ImportInfo, ImportRequest, StoresDetailInfo, StoresInfo, UsageInfo } from "../schemas/image-v2.js";
import {
  importInfo as ImportInfoSchema,
  storesDetailInfo as StoresDetailInfoSchema,
  storesInfo as StoresInfoSchema,
  usageInfo as UsageInfoSchema,
} from "../validation/discovery.js";
import { InputChecker } from "../validation/checker.js";

/** Import method names (spec: `ImportRequest.method.name`). */
export type ImportMethod = ImportRequest["method"]["name"];

/** What {@link ImportsApi.start} sends: the import method and where it writes. */
export interface ImportParams extends StoreTargets {
  /** The import method as the API spells it: `{ name: "glance-direct" }`, `{ name: "web-download", uri }`… */
  readonly method: ImportRequest["method"];
}

/** Where an import writes, in a multi-store deployment. */
export interface StoreTargets {
  /** Stores to import to. */
  readonly stores?: readonly string[] | undefined;
  /** Import to every store (not with `stores`). */
  readonly allStores?: boolean | undefined;
  /** Fail when any store fails (Glance's default `true`). */
  readonly allStoresMustSucceed?: boolean | undefined;
}

/**
 * Interoperable image import (API ≥ 2.6): `glance-direct` (after `data.stage`),
 * `web-download`, `copy-image` between stores; discovery of import methods, stores and quota
 * usage. Wait for the imported image with `client.waitFor.image(id, { afterImport: true })`.
 */
export class ImportsApi {
  readonly #http: HttpClient;

  /** `_images` is no longer used (waiting moved to `client.waitFor`); accepted so existing wiring compiles. */
  constructor(http: HttpClient, _images?: ImagesApi) {
    this.#http = http;
  }

  /** `GET /v2/info/import`: the import methods the server allows. */
  info(options?: CallOptions): ApiPromise<ImportInfo> {
    return apiPromise(options, async (sinkOptions) => {
      const { data } = await this.#http.json(imageOp({ operation: "imports.info", method: "get", path: "/v2/info/import", params: {}, expect: [200] }), ImportInfoSchema, sinkOptions);
      return data;
    });
  }

  /** The names of the import methods the server allows (from {@link info}). */
  methods(options?: CallOptions): ApiPromise<string[]> {
    return apiPromise(options, async (sinkOptions) => [...(await this.info(sinkOptions))["import-methods"].value]);
  }

  /** `GET /v2/info/stores`: the stores of a multi-store deployment (404/400 when not multi-store). */
  stores(options?: CallOptions): ApiPromise<StoresInfo> {
    return apiPromise(options, async (sinkOptions) => {
      const { data } = await this.#http.json(imageOp({ operation: "imports.stores", method: "get", path: "/v2/info/stores", params: {}, expect: [200] }), StoresInfoSchema, sinkOptions);
      return data;
    });
  }

  /** `GET /v2/info/stores/detail` (admin by default policy). */
  storesDetail(options?: CallOptions): ApiPromise<StoresDetailInfo> {
    return apiPromise(options, async (sinkOptions) => {
      const { data } = await this.#http.json(
        imageOp({ operation: "imports.storesDetail", method: "get", path: "/v2/info/stores/detail", params: {}, expect: [200] }),
        StoresDetailInfoSchema,
        sinkOptions,
      );
      return data;
    });
  }

  /** `GET /v2/info/usage`: quota usage of the caller's project. */
  usage(options?: CallOptions): ApiPromise<UsageInfo> {
    return apiPromise(options, async (sinkOptions) => {
      const { data } = await this.#http.json(imageOp({ operation: "imports.usage", method: "get", path: "/v2/info/usage", params: {}, expect: [200] }), UsageInfoSchema, sinkOptions);
      return data;
    });
  }

  /**
   * Starts an import (`POST /v2/images/{id}/import`, 202): `params.method` as the API spells it
   * (`{ name: "glance-direct" }`, `{ name: "web-download", uri }`…) and the store targets. It runs
   * in the background: wait with `client.waitFor.image(id, { afterImport: true })`.
   */
  start(imageId: string, params: ImportParams, options?: CallOptions): ApiPromise<void> {
    return apiPromise(options, async (sinkOptions) => {
      const check = new InputChecker("imports.start");
      check.uuid(["imageId"], imageId);
      const method = (params as Partial<ImportParams> | undefined)?.method;
      check.oneOf(["method", "name"], method?.name, ["glance-direct", "web-download", "copy-image", "glance-download"]);
      if (method?.name === "web-download") checkUrl(check, ["method", "uri"], method.uri);
      const targets: StoreTargets = params ?? {};
      checkTargets(check, targets);
      check.throwIfInvalid();
      const body: ImportRequest = { method: { ...(method as ImportRequest["method"]) } };
      if (targets.stores !== undefined) body.stores = [...targets.stores];
      if (targets.allStores !== undefined) body.all_stores = targets.allStores;
      if (targets.allStoresMustSucceed !== undefined) body.all_stores_must_succeed = targets.allStoresMustSucceed;
      await this.#http.empty(
        imageOp({
          operation: "imports.start",
          method: "post",
          path: "/v2/images/{image_id}/import",
          params: { image_id: imageId },
          headers: { "content-type": "application/json" },
          body: new TextEncoder().encode(JSON.stringify(body)),
          expect: [202],
        }),
        sinkOptions,
      );
    });
  }

  /** Imports staged data (`glance-direct`; stage it first with `data.upload(id, source, { stage: true })`). */
  glanceDirect(imageId: string, targets: StoreTargets = {}, options?: CallOptions): ApiPromise<void> {
    return this.start(imageId, { ...targets, method: { name: "glance-direct" } }, options);
  }

  /** Has Glance fetch the data from `params.uri` (`web-download`, to a `queued` image). */
  webDownload(imageId: string, params: StoreTargets & { readonly uri: string }, options?: CallOptions): ApiPromise<void> {
    return apiPromise(options, async (sinkOptions) => {
      const { uri, ...targets } = params ?? ({} as { uri: string });
      await this.start(imageId, { ...targets, method: { name: "web-download", uri } }, sinkOptions);
    });
  }

  /** Copies an active image's data to more stores (`copy-image`, API ≥ 2.8; admin by default policy). */
  copyImage(imageId: string, targets: StoreTargets, options?: CallOptions): ApiPromise<void> {
    return apiPromise(options, async (sinkOptions) => {
      const check = new InputChecker("imports.copyImage");
      if (!targets?.allStores && (targets?.stores?.length ?? 0) === 0) check.fail(["stores"], "name at least one store, or set allStores");
      check.throwIfInvalid();
      await this.start(imageId, { ...targets, method: { name: "copy-image" } }, sinkOptions);
    });
  }

  /** Removes the image's copy in one store (`DELETE /v2/stores/{store}/{id}`, API ≥ 2.10). */
  deleteFromStore(imageId: string, storeId: string, options?: CallOptions): ApiPromise<void> {
    return apiPromise(options, async (sinkOptions) => {
      const check = new InputChecker("imports.deleteFromStore");
      check.uuid(["imageId"], imageId);
      check.segment(["storeId"], storeId, { max: 255 });
      check.throwIfInvalid();
      await this.#http.empty(
        imageOp({ operation: "imports.deleteFromStore", method: "delete", path: "/v2/stores/{store_id}/{image_id}", params: { store_id: storeId, image_id: imageId }, expect: [204] }),
        sinkOptions,
      );
    });
  }
}

/** Records a problem unless `value` is an absolute http(s) URL. */
export function checkUrl(check: InputChecker, path: (string | number)[], value: unknown): void {
  let ok = false;
  if (typeof value === "string") {
    try {
      const url = new URL(value);
      ok = url.protocol === "http:" || url.protocol === "https:";
    } catch {
      ok = false;
    }
  }
  if (!ok) check.fail(path, "must be an absolute http(s) URL");
}

/** Records problems in store targets. */
export function checkTargets(check: InputChecker, targets: StoreTargets): void {
  if (targets.stores !== undefined) {
    if (!Array.isArray(targets.stores)) check.fail(["stores"], "must be an array of store ids");
    else targets.stores.forEach((s, i) => check.string(["stores", i], s));
  }
  if (targets.allStores !== undefined) check.boolean(["allStores"], targets.allStores);
  if (targets.allStoresMustSucceed !== undefined) check.boolean(["allStoresMustSucceed"], targets.allStoresMustSucceed);
  if (targets.allStores && (targets.stores?.length ?? 0) > 0) check.fail(["stores"], "cannot be combined with allStores");
}
