/** A failure the test server answers with Qdrant's error shape `{status:{error}}`. */
export class QdrantHttpError extends Error {
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.name = 'QdrantHttpError';
    this.status = status;
  }
}

/** 400 with Qdrant's "Wrong input" wording. */
export const wrongInput = (message: string): QdrantHttpError =>
  new QdrantHttpError(400, `Wrong input: ${message}`);

/** 400 for a valid Qdrant feature this test server does not implement: never silently ignored. */
export const unsupported = (feature: string): QdrantHttpError =>
  new QdrantHttpError(400, `Qdrant test server does not implement ${feature}`);
