// The PSA error body (`ErrorResponseMessage {code, message, errors}`) and the exception the simulator's
// routes throw to answer with one. Pure data: the server turns a thrown SimHttpError into a response.
// Must not carry secrets: messages name fields and values a caller sent, never keys or headers.

export interface PsaValidationError {
  code: string;
  message: string;
  resource: string;
  field: string;
}

export interface PsaErrorBody {
  code: string;
  message: string;
  errors: PsaValidationError[] | null;
}

export class SimHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: PsaErrorBody | Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body.message === 'string' ? body.message : `HTTP ${status}`);
    this.name = 'SimHttpError';
  }
}

/** A PSA-shaped error with no field errors. */
export function psaError(status: number, code: string, message: string, headers: Record<string, string> = {}): SimHttpError {
  return new SimHttpError(status, { code, message, errors: null }, headers);
}

/** 400 InvalidObject: `<resource> object is invalid` with one entry per failing field. */
export function invalidObject(resource: string, errors: PsaValidationError[]): SimHttpError {
  return new SimHttpError(400, { code: 'InvalidObject', message: `${resource} object is invalid`, errors });
}

export function notFound(what: string): SimHttpError {
  return psaError(404, 'NotFound', `${what} not found`);
}
