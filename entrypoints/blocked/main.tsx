import { render } from 'preact';
import '../../components/pages.css';
import { BlockPage } from '../../components/BlockPage';
import { useNow, useStatus } from '../../components/use-status';
import { addressFromFragment } from '../../utils/core/page-text';

// Read once: the fragment is the original address exactly as the rule passed it (never decoded).
const address = addressFromFragment(location.hash);

function App() {
  const { status } = useStatus();
  return <BlockPage status={status} address={address} now={useNow()} />;
}

render(<App />, document.getElementById('app')!);
