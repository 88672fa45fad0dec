import { render } from 'preact';
import { browser } from 'wxt/browser';
import '../../components/pages.css';
import { Popup } from '../../components/Popup';
import { useNow, useStatus } from '../../components/use-status';
import { send } from '../../utils/browser/send-message';

function App() {
  const { status } = useStatus();
  return (
    <Popup
      status={status}
      now={useNow(15_000)}
      onOpenStatus={() => void browser.runtime.openOptionsPage()}
      onEndException={(id) => void send({ type: 'exception:end', id })}
    />
  );
}

render(<App />, document.getElementById('app')!);
