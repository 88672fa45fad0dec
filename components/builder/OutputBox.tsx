import { useState } from 'preact/hooks';
import type { BuilderOutput } from '../../utils/core/builder-form';
import type { AdminMessages } from '../../utils/core/i18n/admin-en';
import { type PageLanguage } from '../i18n';
import { English } from '../admin-i18n';

interface Props {
  output: BuilderOutput;
  copyText: (text: string) => Promise<void>;
  download: (fileName: string, mimeType: string, text: string) => void;
  words: AdminMessages['builder'];
  page: PageLanguage;
}

/** One deployable file: read-only text, Copy and Download. */
export function OutputBox({ output, copyText, download, words: w, page }: Props) {
  const [said, setSaid] = useState('');
  const boxId = `output-${output.id}`;
  const text = output.text;

  async function copy() {
    if (text === null) return;
    try {
      await copyText(text);
      setSaid(w.copied);
    } catch {
      setSaid(w.copyFailed);
    }
  }

  return (
    <section class="output" aria-labelledby={`${boxId}-title`} data-output={output.id}>
      <h3 id={`${boxId}-title`}>
        <English page={page}>{output.title}</English>
      </h3>
      <p class="hint">
        <English page={page}>{output.hint}</English> {w.fileName} <code>{output.fileName}</code>
      </p>
      {output.error !== null ? (
        <p class="error" role="alert">
          {w.cannotMake} <English page={page}>{output.error}</English>
        </p>
      ) : (
        <textarea id={boxId} readOnly rows={12} spellcheck={false} wrap="off" aria-label={output.title} value={text ?? ''} />
      )}
      <div class="buttons left">
        <button type="button" aria-label={w.copyLabel(output.title)} disabled={text === null} onClick={() => void copy()}>
          {w.copy}
        </button>
        <button
          type="button"
          aria-label={w.downloadLabel(output.title)}
          disabled={text === null}
          onClick={() => {
            if (text !== null) download(output.fileName, output.mimeType, text);
          }}
        >
          {w.download}
        </button>
        <span role="status" class="note">
          {said}
        </span>
      </div>
    </section>
  );
}
