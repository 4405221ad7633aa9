import { Upload } from 'lucide-react';
import { useRef, useState } from 'react';
import { invalidateAll } from '../../api/cache.ts';
import { ApiError } from '../../api/client.ts';
import { PageHeader } from '../../frame/PageHeader.tsx';
import { formatInt, plural } from '../../lib/format.ts';
import { Card } from '../../ui/Card.tsx';
import { Banner, ErrorState } from '../../ui/states.tsx';
import { FilePicker } from './FilePicker.tsx';
import { FormatHelp } from './FormatHelp.tsx';
import { ImportResult } from './ImportResult.tsx';
import { detectFormat, type ParsedFile, parseFile } from './parse.ts';
import { type ImportReport, uploadItems } from './upload.ts';

type Step =
  | { kind: 'idle' }
  | { kind: 'ready'; name: string; parsed: ParsedFile }
  | { kind: 'uploading'; name: string; parsed: ParsedFile; sent: number }
  | { kind: 'done'; name: string; parsed: ParsedFile; report: ImportReport }
  | { kind: 'failed'; name: string; parsed: ParsedFile; error: ApiError };

/** Upload a JSONL or CSV file: read in the browser, sent in batches, every rejected line reported. */
export default function ImportPage() {
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [fileError, setFileError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  const choose = async (file: File) => {
    setFileError(null);
    const format = detectFormat(file.name);
    if (!format) {
      setFileError(`Cannot tell the format of ${file.name}: name it .jsonl, .ndjson or .csv.`);
      return;
    }
    setStep({ kind: 'ready', name: file.name, parsed: parseFile(await file.text(), format) });
  };

  const start = async () => {
    if (step.kind !== 'ready') return;
    const { name, parsed } = step;
    abort.current = new AbortController();
    setStep({ kind: 'uploading', name, parsed, sent: 0 });
    try {
      const report = await uploadItems(parsed.items, {
        signal: abort.current.signal,
        onProgress: (sent) => setStep({ kind: 'uploading', name, parsed, sent }),
      });
      invalidateAll();
      setStep({ kind: 'done', name, parsed, report });
    } catch (error) {
      invalidateAll();
      const e = error instanceof ApiError ? error : new ApiError(0, 'aborted', 'the import was stopped');
      setStep({ kind: 'failed', name, parsed, error: e });
    }
  };

  const total = step.kind === 'idle' ? 0 : step.parsed.items.length;
  return (
    <>
      <PageHeader title="Import" subtitle="Add usage records from a JSONL or CSV file" />
      <div className="import-grid">
        <Card title="Upload a file">
          <div className="stack">
            <FilePicker onFile={choose} disabled={step.kind === 'uploading'} />
            {fileError && <Banner kind="error">{fileError}</Banner>}
            {step.kind === 'ready' && (
              <div className="import-ready">
                <p>
                  <strong>{step.name}</strong>: {plural(total, 'record')}
                  {step.parsed.problems.length > 0 &&
                    `, ${plural(step.parsed.problems.length, 'line')} unreadable`}
                </p>
                <button type="button" className="button primary" onClick={start} disabled={total === 0}>
                  <Upload size={16} aria-hidden="true" /> Import {plural(total, 'record')}
                </button>
              </div>
            )}
            {step.kind === 'uploading' && (
              <div className="import-progress">
                <progress id="import-progress" max={total} value={step.sent} aria-label="Import progress" />
                <p className="muted" aria-live="polite">
                  Sent {formatInt(step.sent)} of {plural(total, 'record')}…{' '}
                  <button type="button" className="button small" onClick={() => abort.current?.abort()}>
                    Stop
                  </button>
                </p>
              </div>
            )}
            {step.kind === 'failed' && <ErrorState error={step.error} />}
            {(step.kind === 'done' || step.kind === 'ready') && (
              <ImportResult
                name={step.name}
                parsed={step.parsed}
                report={step.kind === 'done' ? step.report : null}
              />
            )}
          </div>
        </Card>
        <FormatHelp />
      </div>
    </>
  );
}
