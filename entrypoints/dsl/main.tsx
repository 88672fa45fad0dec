import { render } from 'preact';
import '../../components/pages.css';
import '../../components/dsl/dsl.css';
import { DslPage } from '../../components/dsl/DslPage';
import { openDslWiring } from '../../components/dsl/wiring';
import { useStatus } from '../../components/use-status';

const wiring = openDslWiring();

function App() {
  const { status } = useStatus();
  const { policy } = status.parsed;
  return <DslPage key={policy.dsl.passphraseHash ?? ''} policy={policy} source={wiring.reviewSource(policy)} session={wiring.sessionDeps(policy)} />;
}

render(<App />, document.getElementById('app')!);
