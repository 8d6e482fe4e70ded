/**
 * A small multipart/form-data parser (RFC 7578) for the bodies Bot API clients send.
 *
 * It works on the whole buffered body: uploads are capped (Telegram's 50 MB for bots), and a
 * buffer lets the delimiter search use Buffer.indexOf instead of a streaming state machine.
 * It accepts what real clients write, which is looser than the RFC examples: grammY sends
 * `content-disposition:form-data;name="x";filename=photo.jpg` (no spaces, unquoted filename),
 * curl quotes everything, some clients use bare LF line ends.
 */

export interface MultipartPart {
  name: string;
  /** Present for file parts (even when empty, as browsers send for an empty file input). */
  filename?: string;
  contentType?: string;
  data: Buffer;
}

export class MultipartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MultipartError";
  }
}

/** The boundary parameter of a multipart Content-Type, or undefined. */
export function boundaryOf(contentType: string): string | undefined {
  const params = parseHeaderParams(contentType);
  const boundary = params.get("boundary");
  // RFC 2046: 1 to 70 characters.
  if (boundary === undefined || boundary.length === 0 || boundary.length > 200) return undefined;
  return boundary;
}

const CRLF = Buffer.from("\r\n");

export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const dashBoundary = Buffer.from(`--${boundary}`);
  // Every delimiter after the first is preceded by a line break, which belongs to the
  // delimiter, not to the part before it (so binary content may end in CR or LF freely).
  const nextDelimiter = Buffer.from(`\r\n--${boundary}`);
  const nextDelimiterLf = Buffer.from(`\n--${boundary}`);

  let position = findFirstDelimiter(body, dashBoundary);
  if (position < 0) throw new MultipartError("multipart boundary not found");

  const parts: MultipartPart[] = [];
  for (;;) {
    position += dashBoundary.length;
    // "--" right after the boundary closes the body; what follows is an ignored epilogue.
    if (body[position] === 0x2d && body[position + 1] === 0x2d) return parts;
    // Transport padding: linear whitespace may follow the boundary before the line break.
    while (body[position] === 0x20 || body[position] === 0x09) position++;
    position = skipLineBreak(body, position);
    if (position < 0) throw new MultipartError("malformed multipart delimiter line");

    const headerEnd = findHeaderEnd(body, position);
    if (headerEnd === undefined) throw new MultipartError("unterminated multipart part headers");
    const headers = parseHeaders(body.subarray(position, headerEnd.start).toString("utf8"));
    const contentStart = headerEnd.end;

    // "\n--boundary" also matches inside "\r\n--boundary", one byte later: that is the usual
    // CRLF delimiter; an earlier bare-LF match is a client that writes LF line ends.
    const lf = body.indexOf(nextDelimiterLf, contentStart);
    if (lf < 0) throw new MultipartError("unterminated multipart part");
    const crlf = body.indexOf(nextDelimiter, contentStart);
    const isCrlf = crlf >= 0 && crlf + 1 === lf;
    const contentEnd = isCrlf ? crlf : lf;
    const delimiterLength = isCrlf ? nextDelimiter.length : nextDelimiterLf.length;

    parts.push(toPart(headers, body.subarray(contentStart, contentEnd)));
    // Point at the "--boundary" of the delimiter that ended this part.
    position = contentEnd + delimiterLength - dashBoundary.length;
  }
}

function findFirstDelimiter(body: Buffer, dashBoundary: Buffer): number {
  let from = 0;
  for (;;) {
    const index = body.indexOf(dashBoundary, from);
    if (index < 0) return -1;
    // The first delimiter opens the body or starts a line after a preamble.
    if (index === 0 || body[index - 1] === 0x0a) return index;
    from = index + 1;
  }
}

function skipLineBreak(body: Buffer, position: number): number {
  if (body[position] === 0x0d && body[position + 1] === 0x0a) return position + 2;
  if (body[position] === 0x0a) return position + 1;
  return -1;
}

function findHeaderEnd(body: Buffer, from: number): { start: number; end: number } | undefined {
  // A part with no headers at all starts directly with the blank line.
  if (body[from] === 0x0d && body[from + 1] === 0x0a) return { start: from, end: from + 2 };
  if (body[from] === 0x0a) return { start: from, end: from + 1 };
  const crlf = body.indexOf("\r\n\r\n", from);
  const lf = body.indexOf("\n\n", from);
  if (crlf >= 0 && (lf < 0 || crlf <= lf)) return { start: crlf, end: crlf + 4 };
  if (lf >= 0) return { start: lf, end: lf + 2 };
  return undefined;
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  let last: string | undefined;
  for (const line of block.split(/\r?\n/)) {
    if (line === "") continue;
    // Obsolete line folding: a continuation line starts with whitespace.
    if ((line.startsWith(" ") || line.startsWith("\t")) && last !== undefined) {
      headers.set(last, `${headers.get(last) ?? ""} ${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(":");
    if (colon <= 0) throw new MultipartError(`malformed multipart header line: ${line}`);
    last = line.slice(0, colon).trim().toLowerCase();
    headers.set(last, line.slice(colon + 1).trim());
  }
  return headers;
}

function toPart(headers: Map<string, string>, data: Buffer): MultipartPart {
  const disposition = headers.get("content-disposition");
  if (disposition === undefined) throw new MultipartError("multipart part without Content-Disposition");
  const kind = disposition.split(";", 1)[0]?.trim().toLowerCase();
  if (kind !== "form-data") throw new MultipartError(`unexpected Content-Disposition: ${disposition}`);
  const params = parseHeaderParams(disposition);
  const name = params.get("name");
  if (name === undefined) throw new MultipartError("multipart part without a name");
  const part: MultipartPart = { name, data };
  const filename = params.get("filename*") ?? params.get("filename");
  if (filename !== undefined) part.filename = filename;
  const contentType = headers.get("content-type");
  if (contentType !== undefined) part.contentType = contentType;
  return part;
}

/**
 * Parameters of a header value such as `form-data; name="a"; filename=b.jpg` or
 * `multipart/form-data; boundary=xyz`. Keys are lowercased; quoted values may contain `;` and
 * backslash escapes; `filename*=UTF-8''…` (RFC 5987) is decoded.
 */
export function parseHeaderParams(value: string): Map<string, string> {
  const params = new Map<string, string>();
  let i = value.indexOf(";");
  if (i < 0) return params;
  i++;
  const n = value.length;
  while (i < n) {
    while (i < n && (value[i] === " " || value[i] === "\t" || value[i] === ";")) i++;
    const keyStart = i;
    while (i < n && value[i] !== "=" && value[i] !== ";") i++;
    const key = value.slice(keyStart, i).trim().toLowerCase();
    if (i >= n || value[i] === ";") {
      if (key !== "") params.set(key, "");
      continue;
    }
    i++; // "="
    while (i < n && (value[i] === " " || value[i] === "\t")) i++;
    let raw = "";
    if (value[i] === '"') {
      i++;
      while (i < n && value[i] !== '"') {
        if (value[i] === "\\" && i + 1 < n) i++;
        raw += value[i];
        i++;
      }
      i++; // closing quote
      while (i < n && value[i] !== ";") i++;
    } else {
      const start = i;
      while (i < n && value[i] !== ";") i++;
      raw = value.slice(start, i).trim();
    }
    if (key !== "") params.set(key, key.endsWith("*") ? decodeExtended(raw) : raw);
  }
  return params;
}

/** RFC 5987 ext-value: charset'language'percent-encoded. */
function decodeExtended(raw: string): string {
  const match = /^([^']*)'[^']*'(.*)$/.exec(raw);
  if (!match) return raw;
  try {
    return decodeURIComponent(match[2] ?? "");
  } catch {
    return match[2] ?? "";
  }
}

/** Serialises parts into a multipart body; the tests use it to drive the parser and the server. */
export function buildMultipart(parts: MultipartPart[], boundary: string): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"`;
    if (part.filename !== undefined) head += `; filename="${part.filename}"`;
    head += "\r\n";
    if (part.contentType !== undefined) head += `Content-Type: ${part.contentType}\r\n`;
    chunks.push(Buffer.from(`${head}\r\n`), part.data, CRLF);
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}
