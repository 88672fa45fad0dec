import { render } from 'preact';
import '../../components/pages.css';
import '../../components/builder/builder.css';
import { BuilderPage } from '../../components/builder/BuilderPage';
import { hashPassphrase } from '../../utils/core/passphrase';
import { CHROME_EXTENSION_ID, GECKO_ID } from '../../utils/extension-identity';

const IDS = { extensionId: CHROME_EXTENSION_ID, geckoId: GECKO_ID };

function download(fileName: string, mimeType: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const a = Object.assign(document.createElement('a'), { href: url, download: fileName });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function copyText(text: string) {
  await navigator.clipboard.writeText(text);
}

render(
  <BuilderPage ids={IDS} makeHash={(secret) => hashPassphrase(secret)} copyText={copyText} download={download} />,
  document.getElementById('app')!,
);
