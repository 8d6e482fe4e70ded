import { FakeTelegram } from "./fake-telegram.js";

/** A file upload as the fake Bot API received it: the call's fields, and its files' bytes. */
export interface Upload {
  method: string;
  fields: Record<string, string>;
  /** `name` is the form field (what an album's attach://name points at). */
  files: Array<{ name: string; filename: string; bytes: Buffer }>;
}

/**
 * The fake Bot API with multipart uploads (an InputFile: a CSV, a QR image) decoded: the fields
 * are recorded as the call's payload, as a JSON call's would be, and the files kept.
 */
export function telegramWithUploads(): { telegram: FakeTelegram; uploads: Upload[] } {
  const telegram = new FakeTelegram();
  const uploads: Upload[] = [];
  const jsonFetch = telegram.fetch;
  (telegram as { fetch: typeof fetch }).fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    if (!init?.body || typeof init.body === "string") return jsonFetch(input, init);
    const headers = new Headers(init.headers);
    const boundary = /boundary=(.+)$/.exec(headers.get("content-type") ?? "")?.[1];
    if (!boundary) throw new Error("multipart without a boundary");
    const chunks: Buffer[] = [];
    for await (const chunk of init.body as unknown as AsyncIterable<Uint8Array>) chunks.push(Buffer.from(chunk));
    const upload = parseMultipart(Buffer.concat(chunks), boundary);
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    upload.method = url.slice(url.lastIndexOf("/") + 1);
    uploads.push(upload);
    return jsonFetch(input, { ...init, body: JSON.stringify(upload.fields) });
  }) as typeof fetch;
  return { telegram, uploads };
}

function parseMultipart(raw: Buffer, boundary: string): Upload {
  const upload: Upload = { method: "", fields: {}, files: [] };
  const delimiter = Buffer.from(`--${boundary}`);
  let start = raw.indexOf(delimiter) + delimiter.length;
  for (;;) {
    const end = raw.indexOf(delimiter, start);
    if (end < 0) break;
    const part = raw.subarray(start + 2, end - 2); // without the CRLF after the delimiter and before the next
    const split = part.indexOf("\r\n\r\n");
    const head = part.subarray(0, split).toString("utf8");
    const body = part.subarray(split + 4);
    const name = /name="([^"]+)"/.exec(head)?.[1] ?? "";
    const filename = /filename=([^\r\n;]+)/.exec(head)?.[1];
    if (filename) upload.files.push({ name, filename, bytes: Buffer.from(body) });
    else upload.fields[name] = body.toString("utf8");
    start = end + delimiter.length;
  }
  return upload;
}
