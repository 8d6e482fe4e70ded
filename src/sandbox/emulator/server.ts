import type { IncomingMessage, ServerResponse } from "node:http";
import { parseRequest, readBody } from "./body.js";
import type { EmulatorCore } from "./core.js";
import { ApiError, notFound, unauthorized } from "./errors.js";
import { downloadType } from "./files.js";
import type { ApiResponse } from "./types.js";

/** grammY's default buildUrl puts "test/" before the method for the test environment. */
const METHOD_ROUTE = /^\/bot([^/]*)\/(?:test\/)?([^/]*)$/;
const FILE_ROUTE = /^\/file\/bot([^/]*)\/(?:test\/)?(.+)$/;
const TOKEN_FORMAT = /^\d+:[A-Za-z0-9_-]+$/;

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/**
 * The HTTP face of the emulator: `/bot<token>/<method>` and `/file/bot<token>/<file_path>`.
 * Returns false for any other path without touching the response, so a host server (the web
 * chat) can mount the emulator next to its own routes on one port.
 */
export function createRequestHandler(core: EmulatorCore): RequestHandler {
  return async (req, res) => {
    const url = new URL(req.url ?? "/", "http://emulator.invalid");
    const path = safeDecode(url.pathname);
    const method = METHOD_ROUTE.exec(path);
    if (method !== null) {
      await serveMethod(core, req, res, method[1] ?? "", method[2] ?? "", url.searchParams);
      return true;
    }
    const file = FILE_ROUTE.exec(path);
    if (file !== null) {
      serveFile(core, req, res, file[1] ?? "", file[2] ?? "");
      return true;
    }
    return false;
  };
}

/**
 * Telegram answers a path whose token is not even shaped like one with 404, and a well-formed
 * token it does not know with 401.
 */
function tokenError(core: EmulatorCore, token: string): ApiError | undefined {
  if (!TOKEN_FORMAT.test(token)) return notFound();
  if (core.token !== undefined && token !== core.token) return unauthorized();
  return undefined;
}

async function serveMethod(
  core: EmulatorCore,
  req: IncomingMessage,
  res: ServerResponse,
  token: string,
  method: string,
  query: URLSearchParams,
): Promise<void> {
  const refused = tokenError(core, token);
  if (refused !== undefined) {
    req.resume();
    send(res, core.refuse(method, refused));
    return;
  }
  // A long poll must end when its client disconnects (bot.stop() aborts it).
  const abort = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) abort.abort();
  });

  let body: Buffer;
  try {
    body = await readBody(req);
  } catch (error) {
    if (error instanceof ApiError) send(res, core.refuse(method, error), true);
    else res.destroy();
    return;
  }
  let response: ApiResponse;
  try {
    const request = parseRequest(req.headers["content-type"], body, query);
    // POST /bot<token>/ with the method in the parameters is accepted too.
    const name = method !== "" ? method : request.args.str("method");
    response = await core.dispatch(name, request, abort.signal);
  } catch (error) {
    response = core.refuse(method, error);
  }
  // The answer travels back from a Telegram that far away; the call has taken effect already.
  if (core.answerDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, core.answerDelayMs));
  send(res, response);
}

function serveFile(core: EmulatorCore, req: IncomingMessage, res: ServerResponse, token: string, filePath: string): void {
  req.resume();
  const refused = tokenError(core, token);
  if (refused !== undefined) {
    send(res, refused.toResponse());
    return;
  }
  const file = core.files.atPath(filePath);
  // Files sent by URL were never fetched, so there is nothing to download.
  if (file === undefined || file.url !== undefined || (req.method !== "GET" && req.method !== "HEAD")) {
    send(res, notFound().toResponse());
    return;
  }
  res.writeHead(200, { "content-type": downloadType(file), "content-length": file.data.length });
  res.end(req.method === "HEAD" ? undefined : file.data);
}

function send(res: ServerResponse, response: ApiResponse, close = false): void {
  if (res.writableEnded || res.destroyed) return;
  const body = JSON.stringify(response);
  const headers: Record<string, string | number> = {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
  };
  // After refusing an oversized body the rest of it is not worth reading.
  if (close) headers.connection = "close";
  res.writeHead(response.ok ? 200 : response.error_code, headers);
  res.end(body);
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
