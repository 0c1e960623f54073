/**
 * monaco-editor, bundled locally (no CDN: the studio works offline and air-gapped): the editor with its contributions,
 * the JSON language with its worker, and the diff editor. This module is imported lazily
 * (`loadMonaco()`), so monaco's megabytes load only when an editor is first shown.
 *
 * The JSON language gets the program format's JSON Schema (draft-07, embedded: the editor never fetches a schema)
 * for completion, hover help and schema errors, per model URI: the whole definition, and one schema per part tab.
 */
// editor.main: the editor API with all its contributions (find, suggest, hover, folding, the diff editor...). The
// languages it registers load only when a model of that language is opened; the studio opens JSON alone.
import 'monaco-editor/editor/editor.main';
import * as monaco from 'monaco-editor/editor/editor.api';
import { jsonDefaults } from 'monaco-editor/languages/features/json/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker?worker';

export type Monaco = typeof monaco;

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker };
  }
}

window.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    return label === 'json' ? new JsonWorker() : new EditorWorker();
  },
};

/** The schemas the JSON language knows, one entry per model URI; set by `setSchemas`. */
const registered = new Map<string, { uri: string; fileMatch: string[]; schema: unknown }>();

/** Gives the model at `modelUri` the JSON Schema `schema` (replacing an earlier one for that model). */
export function setModelSchema(modelUri: string, schemaUri: string, schema: unknown): void {
  registered.set(modelUri, { uri: schemaUri, fileMatch: [modelUri], schema });
  jsonDefaults.setDiagnosticsOptions({
    validate: true,
    allowComments: false,
    trailingCommas: 'error',
    enableSchemaRequest: false,
    schemaValidation: 'warning',
    schemas: [...registered.values()],
  });
}

export { monaco };
