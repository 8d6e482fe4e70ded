import type { ApiFailure, ResponseParameters } from "./types.js";

/**
 * A refusal in Telegram's words. Method code throws these; the dispatcher turns them into
 * `{ok:false, error_code, description, parameters?}` with the same HTTP status, as Telegram does.
 */
export class ApiError extends Error {
  readonly code: number;
  readonly description: string;
  readonly parameters: ResponseParameters | undefined;

  constructor(code: number, description: string, parameters?: ResponseParameters) {
    super(description);
    this.name = "ApiError";
    this.code = code;
    this.description = description;
    this.parameters = parameters;
  }

  toResponse(): ApiFailure {
    const failure: ApiFailure = { ok: false, error_code: this.code, description: this.description };
    if (this.parameters) failure.parameters = this.parameters;
    return failure;
  }
}

export const badRequest = (reason: string): ApiError => new ApiError(400, `Bad Request: ${reason}`);
export const forbidden = (reason: string): ApiError => new ApiError(403, `Forbidden: ${reason}`);
export const conflict = (reason: string): ApiError => new ApiError(409, `Conflict: ${reason}`);
export const unauthorized = (): ApiError => new ApiError(401, "Unauthorized");
export const notFound = (): ApiError => new ApiError(404, "Not Found");
export const tooLarge = (): ApiError => new ApiError(413, "Request Entity Too Large");
export const tooManyRequests = (retryAfter: number): ApiError => new ApiError(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });

/** Telegram's wording for a required string parameter that is missing or empty. */
export const parameterRequired = (name: string): ApiError => badRequest(`parameter "${name}" is required`);
