import pino, { type Logger } from 'pino';

/** The process logger: structured JSON, secrets redacted wherever they might appear. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers["api-key"]',
        'headers.authorization',
        '*.apiKey',
        '*.OPENAI_API_KEY',
        '*.QDRANT_API_KEY',
        '*.ADMIN_TOKEN',
      ],
      censor: '[redacted]',
    },
  });
}
