import { CheckCircle2, Download } from 'lucide-react';
import { Link } from '../../frame/Link.tsx';
import { download, toCsv } from '../../lib/csv.ts';
import { formatInt } from '../../lib/format.ts';
import { dayString } from '../../state/range.ts';
import type { ParsedFile } from './parse.ts';
import { daysCovered, type ImportReport } from './upload.ts';

const SHOWN = 200;

/** What landed, and every line that did not with the reason, by line number. */
export function ImportResult(props: { name: string; parsed: ParsedFile; report: ImportReport | null }) {
  const { parsed, report } = props;
  const problems = [...parsed.problems, ...(report?.problems ?? [])].sort((a, b) => a.line - b.line);
  const lines = new Set(problems.map((p) => p.line)).size;
  const span = daysCovered(parsed.items);
  const overview = span ? `/?from=${dayString(span.from)}&to=${dayString(span.to)}` : '/';
  const saveReport = () =>
    download(
      `${props.name}.errors.csv`,
      toCsv(
        ['line', 'field', 'problem'],
        problems.map((p) => [p.line, p.path, p.message]),
      ),
    );

  return (
    <div className="stack" data-testid="import-result">
      {report && (
        <div className="import-summary" role="status">
          <CheckCircle2 size={20} aria-hidden="true" className="ok-icon" />
          <dl>
            <div>
              <dt>Imported</dt>
              <dd data-testid="import-accepted">{formatInt(report.accepted)}</dd>
            </div>
            <div>
              <dt>Already there</dt>
              <dd>{formatInt(report.duplicates)}</dd>
            </div>
            <div>
              <dt>Lines with problems</dt>
              <dd data-testid="import-rejected">{formatInt(lines)}</dd>
            </div>
          </dl>
          {report.accepted + report.duplicates > 0 && (
            <Link className="button" href={overview}>
              See them on the overview
            </Link>
          )}
        </div>
      )}
      {problems.length > 0 && (
        <section aria-labelledby="problems-title">
          <div className="table-toolbar">
            <h3 id="problems-title">Problems by line</h3>
            <button type="button" className="button small" onClick={saveReport}>
              <Download size={14} aria-hidden="true" /> Download report
            </button>
          </div>
          <div className="table-wrap">
            <table className="data" data-testid="import-problems">
              <thead>
                <tr>
                  <th scope="col" className="num">
                    Line
                  </th>
                  <th scope="col">Field</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {problems.slice(0, SHOWN).map((p) => (
                  <tr key={`${p.line}|${p.path}|${p.message}`}>
                    <td className="num">{p.line}</td>
                    <td>
                      <code>{p.path}</code>
                    </td>
                    <td>{p.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {problems.length > SHOWN && (
            <p className="muted">
              And {formatInt(problems.length - SHOWN)} more; download the report for all of them.
            </p>
          )}
        </section>
      )}
    </div>
  );
}
