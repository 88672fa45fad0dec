import { render } from 'preact';
import '../../components/pages.css';
import '../../components/builder/builder.css';
import { BuilderPage } from '../../components/builder/BuilderPage';
import { download } from '../../components/download';
import { useStatus } from '../../components/use-status';
import { hashPassphrase } from '../../utils/core/passphrase';
import { CHROME_EXTENSION_ID, GECKO_ID } from '../../utils/extension-identity';

const IDS = { extensionId: CHROME_EXTENSION_ID, geckoId: GECKO_ID };

async function copyText(text: string) {
  await navigator.clipboard.writeText(text);
}

function App() {
  // The builder speaks the device's languages (the policy's `languages` and the choice on this device).
  const { status } = useStatus();
  return (
    <BuilderPage ids={IDS} languages={status.parsed.policy.languages} makeHash={(secret) => hashPassphrase(secret)} copyText={copyText} download={download} />
  );
}

render(<App />, document.getElementById('app')!);
