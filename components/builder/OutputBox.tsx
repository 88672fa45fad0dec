import { useState } from 'preact/hooks';
import type { BuilderOutput } from '../../utils/core/builder-form';

interface Props {
  output: BuilderOutput;
  copyText: (text: string) => Promise<void>;
  download: (fileName: string, mimeType: string, text: string) => void;
}

/** One deployable file: read-only text, Copy and Download. */
export function OutputBox({ output, copyText, download }: Props) {
  const [said, setSaid] = useState('');
  const boxId = `output-${output.id}`;
  const text = output.text;

  async function copy() {
    if (text === null) return;
    try {
      await copyText(text);
      setSaid('Copied.');
    } catch {
      setSaid('Could not copy: select the text and copy it by hand.');
    }
  }

  return (
    <section class="output" aria-labelledby={`${boxId}-title`} data-output={output.id}>
      <h3 id={`${boxId}-title`}>{output.title}</h3>
      <p class="hint">
        {output.hint} File name: <code>{output.fileName}</code>
      </p>
      {output.error !== null ? (
        <p class="error" role="alert">
          Cannot make this file: {output.error}
        </p>
      ) : (
        <textarea id={boxId} readOnly rows={12} spellcheck={false} wrap="off" aria-label={output.title} value={text ?? ''} />
      )}
      <div class="buttons left">
        <button type="button" aria-label={`Copy ${output.title}`} disabled={text === null} onClick={() => void copy()}>
          Copy
        </button>
        <button
          type="button"
          aria-label={`Download ${output.title}`}
          disabled={text === null}
          onClick={() => {
            if (text !== null) download(output.fileName, output.mimeType, text);
          }}
        >
          Download
        </button>
        <span role="status" class="note">
          {said}
        </span>
      </div>
    </section>
  );
}
