/**
 * The program format's JSON Schema at its stable URL, `GET /schema/program/v1.json`, for editors, the studio and
 * anyone validating a definition outside Mandate.
 */
import { createHash } from 'node:crypto';
import express, { type Router } from 'express';
import { programSchema } from '../../engine/index.ts';

/** The stable path of the format schema, version 1. */
export const PROGRAM_SCHEMA_PATH = '/schema/program/v1.json';

/** Serves the format schema as `application/schema+json`, cached for a day, with a strong ETag. */
export function schemaRouter(): Router {
  const router = express.Router();
  const body = JSON.stringify(programSchema, null, 2);
  // Version 1 only ever gains compatible fixes; a day's cache keeps those reaching clients, the ETag makes rechecks cheap.
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  router.get(PROGRAM_SCHEMA_PATH, (req, res) => {
    res.setHeader('cache-control', 'public, max-age=86400');
    res.setHeader('etag', etag);
    if (req.headers['if-none-match'] === etag) {
      res.status(304).end();
      return;
    }
    res.type('application/schema+json').send(body);
  });
  return router;
}
