/** Answers as a description list (used by the review step and the staff case page). */
import type { AnswerRow } from '../forms/answers.ts';

/** Renders review rows; groups nest their own list. */
export function AnswerList({ rows }: { rows: AnswerRow[] }) {
  return (
    <dl className="mandate-review margin-top-1">
      {rows.map((r) => (
        <div key={r.key}>
          <dt>{r.title}</dt>
          <dd>{r.rows ? <AnswerList rows={r.rows} /> : r.value}</dd>
        </div>
      ))}
    </dl>
  );
}
