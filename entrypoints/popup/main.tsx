import { render } from 'preact';
import { browser } from 'wxt/browser';
import '../../components/pages.css';
import { Popup } from '../../components/Popup';
import { useNow, useStatus } from '../../components/use-status';

function App() {
  const { status } = useStatus();
  return <Popup status={status} now={useNow()} onOpenStatus={() => void browser.runtime.openOptionsPage()} />;
}

render(<App />, document.getElementById('app')!);
