import { describe, expect, it } from "vitest";
import { boundaryOf, buildMultipart, MultipartError, parseHeaderParams, parseMultipart } from "../../../src/sandbox/emulator/multipart.js";

describe("multipart parser", () => {
  it("reads the boundary from the content type, quoted or not", () => {
    expect(boundaryOf("multipart/form-data; boundary=----abc123")).toBe("----abc123");
    expect(boundaryOf('multipart/form-data; charset=utf-8; boundary="a b;c"')).toBe("a b;c");
    expect(boundaryOf("multipart/form-data")).toBeUndefined();
  });

  it("parses the exact bytes grammY writes (no spaces, unquoted filename, attach:// field)", () => {
    const boundary = "----------abcdefghijklmnop";
    const photo = Buffer.from([0xff, 0xd8, 0x0d, 0x0a, 0x2d, 0x2d, 0x00, 0x0d]);
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\n`),
      Buffer.from(`content-disposition:form-data;name="chat_id"\r\n\r\n42`),
      Buffer.from(`\r\n--${boundary}\r\n`),
      Buffer.from(`content-disposition:form-data;name="photo"\r\n\r\nattach://xyz`),
      Buffer.from(`\r\n--${boundary}\r\n`),
      Buffer.from(`content-disposition:form-data;name="reply_markup"\r\n\r\n{"inline_keyboard":[[{"text":"a","callback_data":"b"}]]}`),
      Buffer.from(`\r\n--${boundary}\r\n`),
      Buffer.from(`content-disposition:form-data;name="xyz";filename=photo.jpg\r\ncontent-type:application/octet-stream\r\n\r\n`),
      photo,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);

    const parts = parseMultipart(body, boundary);

    expect(parts.map((part) => part.name)).toEqual(["chat_id", "photo", "reply_markup", "xyz"]);
    expect(parts[0]?.data.toString()).toBe("42");
    expect(parts[1]?.data.toString()).toBe("attach://xyz");
    expect(JSON.parse(parts[2]?.data.toString() ?? "")).toEqual({ inline_keyboard: [[{ text: "a", callback_data: "b" }]] });
    expect(parts[3]?.filename).toBe("photo.jpg");
    expect(parts[3]?.contentType).toBe("application/octet-stream");
    // Binary content ending in CR, containing CRLF and "--", survives byte for byte.
    expect(parts[3]?.data.equals(photo)).toBe(true);
  });

  it("round-trips what buildMultipart writes, including an empty value and a preamble", () => {
    const boundary = "XyZ";
    const built = buildMultipart(
      [
        { name: "text", data: Buffer.from("hello\r\nworld") },
        { name: "empty", data: Buffer.alloc(0) },
        { name: "document", filename: "report.pdf", contentType: "application/pdf", data: Buffer.from("%PDF-1.4") },
      ],
      boundary,
    );
    const body = Buffer.concat([Buffer.from("this preamble is ignored\r\n"), built]);

    const parts = parseMultipart(body, boundary);

    expect(parts).toHaveLength(3);
    expect(parts[0]?.data.toString()).toBe("hello\r\nworld");
    expect(parts[1]?.data.length).toBe(0);
    expect(parts[2]).toMatchObject({ name: "document", filename: "report.pdf", contentType: "application/pdf" });
  });

  it("accepts bare LF line ends", () => {
    const body = Buffer.from('--b\nContent-Disposition: form-data; name="a"\n\n1\n--b\nContent-Disposition: form-data; name="c"\n\n2\n--b--\n');
    const parts = parseMultipart(body, "b");
    expect(parts.map((part) => [part.name, part.data.toString()])).toEqual([
      ["a", "1"],
      ["c", "2"],
    ]);
  });

  it("decodes RFC 5987 filenames and escaped quotes", () => {
    const params = parseHeaderParams(`form-data; name="f\\"x"; filename*=UTF-8''%D1%84%D0%BE%D1%82%D0%BE.jpg`);
    expect(params.get("name")).toBe('f"x');
    expect(params.get("filename*")).toBe("фото.jpg");
  });

  it("refuses bodies that are not multipart with a MultipartError", () => {
    expect(() => parseMultipart(Buffer.from("no boundary here"), "b")).toThrow(MultipartError);
    expect(() => parseMultipart(Buffer.from('--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue'), "b")).toThrow(/unterminated/);
    expect(() => parseMultipart(Buffer.from("--b\r\nX-Other: 1\r\n\r\nv\r\n--b--"), "b")).toThrow(/Content-Disposition/);
    expect(() => parseMultipart(Buffer.from("--b\r\nContent-Disposition: form-data\r\n\r\nv\r\n--b--"), "b")).toThrow(/without a name/);
  });
});
