/**
 * Routes: the applicant's status page (resume code + second factor → a 30-minute session sent as `X-Status-Token`),
 * its document uploads and downloads, and staff's uploads, downloads and reviews of a case's documents (issue 15).
 */
import type { Request } from 'express';
import type { RouteSpec } from '../route.ts';
import type { ServiceContext } from '../../services/context.ts';
import { answerLang } from '../errors.ts';
import * as status from '../../services/status.ts';
import { receiveUpload, reviewDocument, sendDocumentFile } from '../../services/documents.ts';
import { requireCase } from '../../services/cases.ts';
import { kickOutbox } from '../../services/mailer.ts';

const CASE_ROLES = ['caseworker', 'supervisor', 'administrator'] as const;
export const TOKEN_HEADER = { name: 'X-Status-Token', description: 'The token of POST /api/status/open.', required: true };
const UPLOAD = {
  types: ['multipart/form-data'],
  limitBytes: 25 * 1024 * 1024,
  description:
    'The file in a field named "file"; its type is recognised from its content, its size checked against the document type while it arrives.',
  stream: true,
};

export const tokenOf = (req: Request) => (typeof req.headers['x-status-token'] === 'string' ? req.headers['x-status-token'] : undefined);

/** The status page and document routes. */
export function statusRoutes(ctx: ServiceContext): RouteSpec[] {
  const attempt = (req: Request, res: import('express').Response): status.StatusAttempt => ({
    client: req.ip ?? 'unknown',
    lang: answerLang(req),
    setRetryAfter: (seconds) => res.setHeader('Retry-After', String(seconds)),
  });
  return [
    {
      method: 'post',
      path: '/api/status/open',
      tag: 'status',
      access: 'public',
      body: 'StatusOpenRequest',
      summary: 'Open the status page with the resume code and the second factor',
      description:
        'The second factor is the one chosen at submission: dateOfBirth, or emailCode (ask for it with POST /api/status/email-code). 401 when they do not match; 429 with Retry-After after too many wrong tries.',
      response: { status: 200, schema: 'StatusOpened', description: 'A session token and the status.' },
      errors: [401, 409, 429],
      handler: ({ req, res, body }) => status.openStatus(ctx, attempt(req, res), body),
    },
    {
      method: 'post',
      path: '/api/status/email-code',
      tag: 'status',
      access: 'public',
      body: 'EmailCodeRequest',
      summary: 'Email a one-time code (second factor email)',
      response: { status: 202, schema: 'EmailCodeSent', description: 'The code is on its way; it works for 15 minutes.' },
      errors: [401, 409, 429],
      handler: ({ req, res, body }) => status.sendEmailCode(ctx, attempt(req, res), body),
    },
    {
      method: 'get',
      path: '/api/status',
      tag: 'status',
      access: 'public',
      headers: [TOKEN_HEADER],
      summary: 'The status of the application of a status session',
      response: { status: 200, schema: 'StatusView', description: 'Where the case is, the decision, messages, documents and deadlines.' },
      errors: [401],
      handler: async ({ req }) => status.statusView(ctx, await status.sessionApplication(ctx, tokenOf(req), answerLang(req)), answerLang(req)),
    },
    {
      method: 'post',
      path: '/api/status/documents/:documentId',
      tag: 'status',
      access: 'public',
      headers: [TOKEN_HEADER],
      uploads: UPLOAD,
      summary: 'Upload a requested document (applicant)',
      response: { status: 201, schema: 'StatusView', description: 'The status, with the document received.' },
      errors: [401, 404, 409, 413, 415, 422],
      handler: async ({ req, res, params }) => {
        const app = await status.sessionApplication(ctx, tokenOf(req), answerLang(req));
        await receiveUpload(ctx, req, res, await status.caseOf(ctx, app), params.documentId, null, app.lang);
        return status.statusView(ctx, app, answerLang(req));
      },
    },
    {
      method: 'get',
      path: '/api/status/documents/:documentId/file',
      tag: 'status',
      access: 'public',
      headers: [TOKEN_HEADER],
      summary: 'Download a document the applicant uploaded',
      response: { status: 200, schema: null, contentType: 'application/octet-stream', description: 'The file, as an attachment.' },
      errors: [401, 404],
      handler: async ({ req, res, params }) => {
        const app = await status.sessionApplication(ctx, tokenOf(req), answerLang(req));
        await sendDocumentFile(ctx, res, await status.caseOf(ctx, app), params.documentId, app.lang);
      },
    },
    {
      method: 'post',
      path: '/api/cases/:id/documents/:documentId/file',
      tag: 'cases',
      access: CASE_ROLES,
      uploads: UPLOAD,
      summary: 'Upload a requested document (staff: a copy brought to the office)',
      response: { status: 201, schema: 'Document', description: 'The document, received.' },
      errors: [404, 409, 413, 415, 422],
      handler: async ({ req, res, user, params }) =>
        receiveUpload(ctx, req, res, await requireCase(ctx, params.id, user), params.documentId, user!.id, answerLang(req)),
    },
    {
      method: 'get',
      path: '/api/cases/:id/documents/:documentId/file',
      tag: 'cases',
      access: CASE_ROLES,
      summary: 'Download a document',
      response: { status: 200, schema: null, contentType: 'application/octet-stream', description: 'The file, as an attachment.' },
      errors: [404],
      handler: async ({ req, res, user, params }) =>
        sendDocumentFile(ctx, res, await requireCase(ctx, params.id, user), params.documentId, answerLang(req)),
    },
    {
      method: 'post',
      path: '/api/cases/:id/documents/:documentId/review',
      tag: 'cases',
      access: CASE_ROLES,
      body: 'DocumentReviewRequest',
      summary: 'Accept or reject one document (with a reason)',
      response: { status: 200, schema: 'Document', description: 'The document as reviewed.' },
      errors: [404, 422],
      handler: async ({ user, params, body }) => {
        const document = await reviewDocument(ctx, user!, await requireCase(ctx, params.id, user), params.documentId, body);
        kickOutbox(ctx);
        return document;
      },
    },
  ];
}
