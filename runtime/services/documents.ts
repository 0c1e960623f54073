/**
 * Documents of a case (issue 15): upload by the applicant (status page) or staff (case page), one requested document
 * at a time, checked against the program's document type (accepted types sniffed from the content, largest size
 * enforced while the body streams in: 413 with words), passed to the scan hook, stored with its sha256; download
 * by those who may see the case; staff's review of each document (accepted, or rejected with a reason).
 *
 *   multipart body → multer (memory, fileSize = the type's maxBytes) → sniff → scan hook → store (file + document received)
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import multer from 'multer';
import type { DocumentType, Program } from '../../engine/index.ts';
import { conflict, HttpError, notFound, unprocessable, words } from '../http/errors.ts';
import { HTTP_MESSAGES } from '../http/messages.ts';
import type { CaseRecord, DocumentRecord } from '../store/types.ts';
import type { ServiceContext } from './context.ts';
import { sniffMediaType } from './sniff.ts';

/** What a document without a program type (requested by name before issue 15) accepts. */
const DEFAULT_TYPE: Pick<DocumentType, 'accept' | 'maxBytes'> = {
  accept: ['application/pdf', 'image/jpeg', 'image/png'],
  maxBytes: 10 * 1024 * 1024,
};

/** The program's type of a requested document, or the defaults. */
export function typeOf(doc: Program, document: DocumentRecord): Pick<DocumentType, 'accept' | 'maxBytes'> & { title: string } {
  const type = (doc.documents ?? []).find((t) => t.id === document.typeId);
  return { ...(type ?? DEFAULT_TYPE), title: type?.title ?? document.name };
}

/** Reads the one file of a multipart body with multer, at most `limit` bytes (counted as it streams). */
function readFile(req: Request, res: Response, limit: number, title: string): Promise<Express.Multer.File> {
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: limit, files: 1, fields: 10, parts: 12 } }).single('file');
  return new Promise((resolve, reject) => {
    upload(req, res, (error: unknown) => {
      if (error instanceof multer.MulterError && error.code === 'LIMIT_FILE_SIZE') {
        // The rest of the body is not read: close the connection after the answer.
        res.setHeader('Connection', 'close');
        reject(new HttpError(413, 'file-too-large', words('document.too-large', { limit, title })));
      } else if (error) reject(new HttpError(400, 'no-file', words('document.no-file')));
      else if (!req.file) reject(new HttpError(400, 'no-file', words('document.no-file')));
      else resolve(req.file);
    });
  });
}

/** A scan hook that runs `command` with the file on stdin: exit 0 is clean, anything else is not (MANDATE_SCAN_COMMAND). */
export function commandScanner(command: string): NonNullable<ServiceContext['scanUpload']> {
  return (file) =>
    new Promise((resolve) => {
      const child = spawn(command, { shell: true, stdio: ['pipe', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (d) => (output += String(d)));
      child.stderr.on('data', (d) => (output += String(d)));
      child.on('error', (err) => resolve({ clean: false, detail: err.message }));
      child.on('close', (code) => resolve({ clean: code === 0, detail: output.trim().slice(0, 500) }));
      child.stdin.on('error', () => {});
      child.stdin.end(file.content);
    });
}

/**
 * Receives the file of requested document `documentId` of `kase` from the request: 404 unknown document, 409 one
 * already accepted, 413 too large, 415 a type the document does not accept, 422 refused by the scan hook.
 */
export async function receiveUpload(
  ctx: ServiceContext,
  req: Request,
  res: Response,
  kase: CaseRecord,
  documentId: string,
  uploadedBy: string | null,
  lang: string,
): Promise<DocumentRecord> {
  const [documents, version] = await Promise.all([ctx.store.listDocuments(kase.id), ctx.store.getProgramVersion(kase.programId, kase.version)]);
  const document = documents.find((d) => d.id === documentId);
  if (!document || !version) throw notFound('document', documentId).toldIn(lang);
  if (document.status === 'accepted') throw conflict(words('document.closed'), 'document-accepted').toldIn(lang);
  const type = typeOf(version.doc, document);
  const file = await readFile(req, res, type.maxBytes, type.title).catch((e: HttpError) => {
    throw e.toldIn(lang);
  });
  const sniffed = sniffMediaType(file.buffer);
  if (!sniffed || !(type.accept as string[]).includes(sniffed.type)) {
    throw new HttpError(
      415,
      'unsupported-file-type',
      words('document.wrong-type', { found: sniffed?.label ?? null, title: type.title, accept: type.accept }),
    ).toldIn(lang);
  }
  // Control characters and path separators are replaced: the name is shown and offered back as a download name.
  const name =
    [...file.originalname]
      .map((ch) => (ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127 || ch === '/' || ch === '\\' ? '_' : ch))
      .join('')
      .slice(0, 200) || 'document';
  if (ctx.scanUpload) {
    const verdict = await ctx.scanUpload({ name, mediaType: sniffed.type, content: file.buffer });
    if (!verdict.clean) {
      ctx.log.warn({ caseId: kase.id, documentId, detail: verdict.detail }, 'an upload was refused by the scan hook');
      throw unprocessable(words('document.rejected-by-scan'), [], 'scan-refused').toldIn(lang);
    }
  }
  const sha256 = createHash('sha256').update(file.buffer).digest('hex');
  return ctx.store.attachDocumentFile({
    caseId: kase.id,
    documentId,
    name,
    mediaType: sniffed.type,
    sha256,
    content: file.buffer,
    uploadedBy,
    audit: {
      actorId: uploadedBy,
      action: 'document.upload',
      entity: 'case',
      entityId: kase.id,
      details: {
        documentId,
        typeId: document.typeId,
        sha256,
        size: file.buffer.length,
        mediaType: sniffed.type,
        by: uploadedBy ? 'staff' : 'applicant',
      },
    },
  });
}

/** Answers with the uploaded file of a document: as an attachment, never rendered by the browser. */
export async function sendDocumentFile(ctx: ServiceContext, res: Response, kase: CaseRecord, documentId: string, lang: string): Promise<void> {
  const file = await ctx.store.getDocumentFile(kase.id, documentId).catch(() => null);
  if (!file) throw new HttpError(404, 'not-found', words('document.no-upload')).toldIn(lang);
  const ascii = file.info.name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  res.setHeader('Content-Type', file.info.mediaType);
  res.setHeader('Content-Length', String(file.content.length));
  res.setHeader('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.info.name)}`);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('Digest', `sha-256=${Buffer.from(file.info.sha256, 'hex').toString('base64')}`);
  res.status(200).end(file.content);
}

/** Staff's review of one document: accepted, or rejected with a reason the applicant reads. */
export async function reviewDocument(
  ctx: ServiceContext,
  user: { id: string },
  kase: CaseRecord,
  documentId: string,
  input: { status: 'accepted' | 'rejected'; reason?: string },
): Promise<DocumentRecord> {
  const document = (await ctx.store.listDocuments(kase.id)).find((d) => d.id === documentId);
  if (!document) throw notFound('document', documentId);
  const reason = input.reason?.trim() || null;
  if (input.status === 'rejected' && !reason)
    throw unprocessable(words('document.reason-needed'), [
      { code: 'document.reason-needed', severity: 'error', path: '/reason', message: HTTP_MESSAGES.render('document.reason-needed'), params: {} },
    ]);
  return ctx.store.reviewDocument({
    caseId: kase.id,
    documentId,
    status: input.status,
    reason,
    reviewedBy: user.id,
    audit: {
      actorId: user.id,
      action: `document.${input.status === 'accepted' ? 'accept' : 'reject'}`,
      entity: 'case',
      entityId: kase.id,
      details: { documentId, reason },
    },
  });
}
