/**
 * What a no-code editor ("builder") of one part of the definition gets. A builder reads the definition document and
 * writes it back whole through `setDoc`, which goes through the same path as typing in the JSON tab (one undo step,
 * autosave with the draft's revision, the engine's checks), so the JSON shows each change at once and each JSON edit
 * shows in the builder: the document is the one source of truth, a builder keeps no copy of it.
 */
import type { Diagnostic } from '../../../engine/index.ts';

export interface BuilderProps {
  /** The whole definition as it stands (valid JSON; it may still have diagnostics). */
  doc: Record<string, unknown>;
  /** Replaces the whole definition. */
  setDoc: (next: Record<string, unknown>) => void;
  /** The engine's diagnostics whose pointer falls in this builder's part (pointers into the whole definition). */
  diagnostics: Diagnostic[];
  /** Opens this part as JSON at `pointer` (for what the builder does not edit). */
  showJson: (pointer: string) => void;
  /** The tester's household (the answers typed in the preview), for builders that show values as the analyst types. */
  household?: Record<string, unknown>;
}
