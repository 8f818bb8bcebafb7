import { describe, expect, it } from "vitest";
import { ConnectionError, createBrowserTransport, type XhrConstructor } from "@cloud-images/browser";
import { blobWithProgress } from "../src/transport/upload-progress.js";

/** A scripted stand-in for XMLHttpRequest: records what is sent, answers as told. */
function fakeXhr(answer: (xhr: FakeXhr) => void): { Xhr: XhrConstructor; sent: FakeXhr[] } {
  const sent: FakeXhr[] = [];
  class Fake extends FakeXhr {
    override send(body: unknown): void {
      this.body = body;
      sent.push(this);
      queueMicrotask(() => answer(this));
    }
  }
  return { Xhr: Fake as unknown as XhrConstructor, sent };
}

class FakeXhr {
  method = "";
  url = "";
  headers: Record<string, string> = {};
  body: unknown;
  status = 0;
  response: ArrayBuffer | null = null;
  responseType = "";
  withCredentials = false;
  aborted = false;
  rawHeaders = "";
  readonly listeners = new Map<string, (() => void)[]>();
  readonly upload = {
    progress: [] as ((e: { loaded: number; total: number; lengthComputable: boolean }) => void)[],
    addEventListener: (_: string, fn: (e: { loaded: number; total: number; lengthComputable: boolean }) => void) => this.upload.progress.push(fn),
  };
  open(method: string, url: string): void {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string): void {
    Object.defineProperty(this.headers, name, { value, enumerable: true, writable: true, configurable: true });
  }
  addEventListener(type: string, fn: () => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  emit(type: string): void {
    for (const fn of this.listeners.get(type) ?? []) fn();
  }
  getAllResponseHeaders(): string {
    return this.rawHeaders;
  }
  abort(): void {
    this.aborted = true;
    this.emit("abort");
  }
  send(_body: unknown): void {}
}

describe("createBrowserTransport", () => {
  it("sends a Blob body through XMLHttpRequest with its upload progress, and reads the answer", async () => {
    const { Xhr, sent } = fakeXhr((xhr) => {
      for (const fn of xhr.upload.progress) fn({ loaded: 5, total: 10, lengthComputable: true });
      xhr.status = 204;
      xhr.rawHeaders = "X-OpenStack-Request-ID: req-1\r\nContent-Type: text/plain\r\n";
      xhr.response = new ArrayBuffer(0);
      xhr.emit("load");
    });
    const seen: number[] = [];
    const body = blobWithProgress(new Blob([new Uint8Array(10)]), (loaded) => seen.push(loaded));
    const transport = createBrowserTransport({ XMLHttpRequest: Xhr, fetch: () => Promise.reject(new Error("fetch must not be used")) });
    const res = await transport.request({ method: "PUT", url: "http://glance/v2/images/x/file", headers: { "x-auth-token": "t", "user-agent": "cloud-images/0 browser" }, body: body as never });
    expect(res.status).toBe(204);
    expect(res.headers["x-openstack-request-id"]).toBe("req-1");
    expect(seen).toEqual([5]);
    expect(sent[0]!.headers).toEqual({ "x-auth-token": "t" });
    expect(sent[0]!.body).toBe(body);
  });

  it("reads response headers named like Object.prototype's members as headers (joined when repeated), and sends such request headers", async () => {
    const { Xhr, sent } = fakeXhr((xhr) => {
      xhr.status = 204;
      xhr.rawHeaders = "Constructor: a\r\nconstructor: b\r\n__proto__: p\r\n";
      xhr.response = new ArrayBuffer(0);
      xhr.emit("load");
    });
    const request: Record<string, string> = { "x-auth-token": "t" };
    Object.defineProperty(request, "__proto__", { value: "q", enumerable: true });
    const res = await createBrowserTransport({ XMLHttpRequest: Xhr }).request({ method: "PUT", url: "http://glance/v2/images/x/file", headers: request, body: new Blob(["x"]) as never });
    expect(Object.entries(res.headers)).toEqual([["constructor", "a, b"], ["__proto__", "p"]]);
    expect(Object.getPrototypeOf(res.headers)).toBe(Object.prototype);
    expect(Object.entries(sent[0]!.headers)).toEqual([["x-auth-token", "t"], ["__proto__", "q"]]);
  });

  it("turns a network (or CORS) failure into a ConnectionError and an abort into the signal's reason", async () => {
    const failing = fakeXhr((xhr) => xhr.emit("error"));
    const transport = createBrowserTransport({ XMLHttpRequest: failing.Xhr });
    await expect(transport.request({ method: "PUT", url: "http://glance/v2/images/x/file", headers: {}, body: new Blob(["x"]) as never })).rejects.toBeInstanceOf(ConnectionError);

    const hanging = fakeXhr(() => undefined);
    const controller = new AbortController();
    const pending = createBrowserTransport({ XMLHttpRequest: hanging.Xhr }).request({ method: "PUT", url: "http://glance/x", headers: {}, body: new Blob(["x"]) as never, signal: controller.signal });
    const reason = new Error("stop");
    await Promise.resolve();
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(hanging.sent[0]!.aborted).toBe(true);
  });

  it("sends every other request through fetch, without the headers a page cannot set", async () => {
    const calls: [string, RequestInit | undefined][] = [];
    const transport = createBrowserTransport({
      XMLHttpRequest: fakeXhr(() => undefined).Xhr,
      fetch: async (url, init) => {
        calls.push([String(url), init]);
        return new Response("[]", { status: 200, headers: { "content-type": "application/json" } });
      },
    });
    const res = await transport.request({ method: "GET", url: "http://glance/v2/images", headers: { accept: "application/json", "user-agent": "x/1" } });
    expect(await res.text()).toBe("[]");
    expect(calls[0]![1]!.headers).toEqual({ accept: "application/json" });
  });
});
