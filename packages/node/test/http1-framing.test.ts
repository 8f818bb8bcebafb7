import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bodyFramer, headEnd, parseHead, type BodyFramer, type ResponseHead } from "../src/transport/http1-framing.js";

const bytes = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, "latin1"));
const latin1 = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("latin1");
const head = (status: number, headers: Record<string, string> = {}): ResponseHead => ({ status, headers });

/** Feeds `pieces` in order and returns the body emitted (as Latin-1) and whether the framer finished. */
function run(framer: BodyFramer, pieces: readonly Uint8Array[]): { body: string; done: boolean } {
  let body = "";
  for (const piece of pieces) framer.feed(piece, (b) => (body += latin1(b)));
  return { body, done: framer.done };
}
const oneByteAtATime = (wire: Uint8Array): Uint8Array[] => Array.from(wire, (_, i) => wire.subarray(i, i + 1));
const chunked = (): BodyFramer => bodyFramer(head(200, { "transfer-encoding": "chunked" }));

describe("headEnd", () => {
  const wire = bytes("HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nhi");
  const end = wire.byteLength - 2;

  it("finds the index after the blank line, and -1 while the head is incomplete", () => {
    expect(headEnd(wire)).toBe(end);
    expect(headEnd(wire.subarray(0, end - 1))).toBe(-1);
    expect(headEnd(bytes("HTTP/1.1 200 OK\r\n"))).toBe(-1);
    expect(headEnd(new Uint8Array(0))).toBe(-1);
  });

  it("finds the end wherever the input was split, resuming from a little before the old end", () => {
    for (let split = 0; split <= wire.byteLength; split++) {
      const first = wire.subarray(0, split);
      const found = headEnd(first);
      if (found >= 0) {
        expect(found).toBe(end);
        continue;
      }
      // As a reader does: append, then look again from 3 bytes before where the old input ended.
      expect(headEnd(wire, Math.max(0, split - 3))).toBe(end);
    }
  });

  it("a bare LF LF is not the end of a head", () => {
    expect(headEnd(bytes("HTTP/1.1 200 OK\n\n"))).toBe(-1);
  });
});

describe("parseHead", () => {
  it("reads the status, lower-cases names, trims values and joins repeated fields with ', '", () => {
    const parsed = parseHead(bytes("HTTP/1.1 206 Partial Content\r\nContent-Type: application/octet-stream\r\nX-Thing:  a \r\nx-thing: b\r\nVary: accept\r\n\r\n"));
    expect(parsed.status).toBe(206);
    expect(parsed.headers).toEqual({ "content-type": "application/octet-stream", "x-thing": "a, b", vary: "accept" });
  });

  it("accepts HTTP/1.0 and a status line without a reason phrase", () => {
    expect(parseHead(bytes("HTTP/1.0 404\r\n\r\n")).status).toBe(404);
    expect(parseHead(bytes("HTTP/1.1 200 \r\n\r\n")).status).toBe(200);
  });

  it("fields named like Object.prototype's members are fields: constructor joined, __proto__ kept", () => {
    const { headers } = parseHead(bytes("HTTP/1.1 200 OK\r\nConstructor: a\r\nconstructor: b\r\n__proto__: p\r\ntoString: t\r\n\r\n"));
    expect(Object.entries(headers)).toEqual([["constructor", "a, b"], ["__proto__", "p"], ["tostring", "t"]]);
    expect(Object.getPrototypeOf(headers)).toBe(Object.prototype);
  });

  it("an empty header value is kept as ''", () => {
    expect(parseHead(bytes("HTTP/1.1 200 OK\r\nx-empty:\r\n\r\n")).headers).toEqual({ "x-empty": "" });
  });

  it.each(["HTTP/2 200 OK", "HTTP/1.1 20 OK", "HTTP/1.1 2000 OK", "http/1.1 200 OK", "ICY 200 OK", "HTTP/1.1  200 OK", "garbage", ""])("refuses the status line %j", (line) => {
    expect(() => parseHead(bytes(`${line}\r\ncontent-length: 0\r\n\r\n`))).toThrow(SyntaxError);
  });

  it.each(["no colon here", ": value", "bad name: value", "x(y): value", " leading-space: value"])("refuses the header line %j", (line) => {
    expect(() => parseHead(bytes(`HTTP/1.1 200 OK\r\n${line}\r\n\r\n`))).toThrow(/HTTP\/1\.1 framing/);
  });
});

describe("bodyFramer: Content-Length", () => {
  it("emits exactly the length, then is done; bytes after the end are ignored", () => {
    const framer = bodyFramer(head(200, { "content-length": "5" }));
    expect(framer.endsAtClose).toBe(false);
    expect(framer.done).toBe(false);
    expect(run(framer, [bytes("he"), bytes("llo, and more"), bytes("still more")])).toEqual({ body: "hello", done: true });
  });

  it("emits subarrays of what was fed (no copies)", () => {
    const framer = bodyFramer(head(200, { "content-length": "3" }));
    const fed = bytes("abcdef");
    const emitted: Uint8Array[] = [];
    framer.feed(fed, (b) => emitted.push(b));
    expect(emitted).toHaveLength(1);
    expect(emitted[0]!.buffer).toBe(fed.buffer);
    expect(latin1(emitted[0]!)).toBe("abc");
  });

  it("Content-Length: 0 is done at once", () => {
    const framer = bodyFramer(head(200, { "content-length": "0" }));
    expect(framer.done).toBe(true);
    expect(run(framer, [bytes("ignored")])).toEqual({ body: "", done: true });
  });

  it("identical repeated values (joined by parseHead) are accepted", () => {
    const parsed = parseHead(bytes("HTTP/1.1 200 OK\r\nContent-Length: 4\r\nContent-Length: 4\r\n\r\n"));
    expect(run(bodyFramer(parsed), [bytes("abcdXYZ")])).toEqual({ body: "abcd", done: true });
    expect(run(bodyFramer(head(200, { "content-length": "4 , 4,4" })), [bytes("abcd")])).toEqual({ body: "abcd", done: true });
  });

  it.each(["4, 5", "-1", "+4", "0x10", "1.5", "", "abc", "1e3", "99999999999999999", "12345678901234567"])("refuses Content-Length %j", (value) => {
    expect(() => bodyFramer(head(200, { "content-length": value }))).toThrow(/invalid Content-Length/);
  });
});

describe("bodyFramer: chunked", () => {
  const wire = "5\r\nhello\r\nA;name=value;flag\r\n, world!!!\r\n1 ; spaced\r\n?\r\n0\r\nx-trailer: t\r\nother: u\r\n\r\n";
  const body = "hello, world!!!?";

  it("decodes sizes (upper- and lower-case hex), skips extensions and trailers, and is done after the final CRLF", () => {
    expect(run(chunked(), [bytes(wire)])).toEqual({ body, done: true });
    expect(run(chunked(), [bytes("a\r\n0123456789\r\nB\r\nabcdefghijk\r\n0\r\n\r\n")])).toEqual({ body: "0123456789abcdefghijk", done: true });
    expect(chunked().endsAtClose).toBe(false);
  });

  it("fed one byte at a time gives the same body as whole, and is done only on the last byte", () => {
    const framer = chunked();
    const pieces = oneByteAtATime(bytes(wire));
    let got = "";
    pieces.forEach((piece, i) => {
      framer.feed(piece, (b) => (got += latin1(b)));
      expect(framer.done, `done after byte ${i} of ${pieces.length}`).toBe(i === pieces.length - 1);
    });
    expect(got).toBe(body);
  });

  it("is not done before the CRLF that ends the trailers (no trailers too)", () => {
    const framer = chunked();
    expect(run(framer, [bytes("3\r\nabc\r\n0\r\n")])).toEqual({ body: "abc", done: false });
    framer.feed(bytes("\r"), () => undefined);
    expect(framer.done).toBe(false);
    framer.feed(bytes("\n"), () => undefined);
    expect(framer.done).toBe(true);
  });

  it("bytes after the terminator are ignored", () => {
    expect(run(chunked(), [bytes("2\r\nab\r\n0\r\n\r\nHTTP/1.1 200 OK\r\n")])).toEqual({ body: "ab", done: true });
  });

  it("split anywhere, any number of times, the body is the same (property)", () => {
    const chunkBodies = fc.array(fc.uint8Array({ minLength: 1, maxLength: 40 }), { maxLength: 6 });
    const extension = fc.constantFrom("", ";a", ";a=b", " ;q=\"x\"", "\t;z");
    const trailer = fc.constantFrom("", "x-t: 1\r\n", "a: b\r\nc: d\r\n");
    fc.assert(
      fc.property(chunkBodies, extension, trailer, fc.boolean(), fc.array(fc.nat(), { maxLength: 8 }), (parts, ext, trailers, upper, cuts) => {
        let wireText = "";
        for (const part of parts) {
          const size = part.byteLength.toString(16);
          wireText += `${upper ? size.toUpperCase() : size}${ext}\r\n${latin1(part)}\r\n`;
        }
        wireText += `0${ext}\r\n${trailers}\r\n`;
        const wireBytes = bytes(wireText);
        const at = [...new Set(cuts.map((c) => c % (wireBytes.byteLength + 1)))].sort((a, b) => a - b);
        const pieces: Uint8Array[] = [];
        let from = 0;
        for (const cut of [...at, wireBytes.byteLength]) {
          pieces.push(wireBytes.subarray(from, cut));
          from = cut;
        }
        const expected = parts.map(latin1).join("");
        expect(run(chunked(), pieces)).toEqual({ body: expected, done: true });
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ["a size that is not hex", "g\r\nx\r\n0\r\n\r\n", /bad chunk size/],
    ["an empty size", "\r\nx\r\n0\r\n\r\n", /bad chunk size/],
    ["a size with a leading space", " 1\r\nx\r\n0\r\n\r\n", /bad chunk size/],
    ["a bare LF after the size", "1\nx\r\n0\r\n\r\n", /bad chunk size/],
    ["a bare LF after an extension", "1;a\nx\r\n0\r\n\r\n", /bare LF/],
    ["CR without LF after the size", "1\rx\r\n0\r\n\r\n", /CR without LF/],
    ["data longer than its size (no CRLF after it)", "1\r\nxy\r\n0\r\n\r\n", /longer than its size/],
    ["CR without LF after the data", "1\r\nx\rz0\r\n\r\n", /CR without LF after chunk data/],
    ["CR without LF at the end", "0\r\n\rx", /CR without LF at the end/],
    ["a size of 14 hex digits", "10000000000000\r\n", /too large/],
  ])("refuses %s", (_what, input, message) => {
    expect(() => run(chunked(), [bytes(input)])).toThrow(message);
    expect(() => run(chunked(), oneByteAtATime(bytes(input)))).toThrow(message);
  });

  it("accepts a size of 13 hex digits (the limit)", () => {
    const framer = chunked();
    framer.feed(bytes("fffffffffffff\r\nabc"), () => undefined);
    expect(framer.done).toBe(false);
  });

  it("chunked as the last transfer coding wins over Content-Length; another last coding is read to the close", () => {
    expect(run(bodyFramer(head(200, { "transfer-encoding": "gzip, Chunked", "content-length": "1" })), [bytes("2\r\nab\r\n0\r\n\r\n")])).toEqual({ body: "ab", done: true });
    const other = bodyFramer(head(200, { "transfer-encoding": "chunked, gzip" }));
    expect(other.endsAtClose).toBe(true);
    expect(run(other, [bytes("2\r\nab\r\n")])).toEqual({ body: "2\r\nab\r\n", done: false });
  });
});

describe("bodyFramer: close-delimited", () => {
  it("without a length or coding every byte is body, and the close ends it", () => {
    const framer = bodyFramer(head(200, { "content-type": "application/octet-stream" }));
    expect(framer.endsAtClose).toBe(true);
    expect(run(framer, [bytes("abc"), new Uint8Array(0), bytes("def")])).toEqual({ body: "abcdef", done: false });
  });
});

describe("bodyFramer: answers without a body", () => {
  it.each([100, 103, 204, 304])("%i has an empty body, whatever its headers say", (status) => {
    const framer = bodyFramer(head(status, { "content-length": "10", "transfer-encoding": "chunked" }));
    expect(framer.done).toBe(true);
    expect(framer.endsAtClose).toBe(false);
    expect(run(framer, [bytes("0123456789")])).toEqual({ body: "", done: true });
  });

  it("a 304 with an invalid Content-Length is still no body (not refused)", () => {
    expect(bodyFramer(head(304, { "content-length": "nope" })).done).toBe(true);
  });
});
