import { useState } from 'preact/hooks';
import type { BuilderOutput } from '../../utils/core/builder-form';
import type { AdminMessages } from '../../utils/core/i18n/admin-en';
import { sayCode } from '../../utils/core/builder-codes';

interface Props {
  output: BuilderOutput;
  copyText: (text: string) => Promise<void>;
  download: (fileName: string, mimeType: string, text: string) => void;
  words: AdminMessages['builder'];
}

/** One deployable file: read-only text, Copy and Download. */
export function OutputBox({ output, copyText, download, words: w }: Props) {
  const [said, setSaid] = useState('');
  const boxId = `output-${output.id}`;
  const text = output.text;
  const title = w.outputTitles[output.id];

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
      <h3 id={`${boxId}-title`}>{title}</h3>
      <p class="hint">
        {w.outputHints[output.hint]} {w.fileName} <code>{output.fileName}</code>
      </p>
      {output.error !== null ? (
        <p class="error" role="alert">
          {w.cannotMake} {sayCode(w.fileErrors, output.error)}
        </p>
      ) : (
        <textarea id={boxId} readOnly rows={12} spellcheck={false} wrap="off" aria-label={title} value={text ?? ''} />
      )}
      <div class="buttons left">
        <button type="button" aria-label={w.copyLabel(title)} disabled={text === null} onClick={() => void copy()}>
          {w.copy}
        </button>
        <button
          type="button"
          aria-label={w.downloadLabel(title)}
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
