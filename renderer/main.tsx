import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { createClient, installClient } from './app/client.ts';
import { chooseTransport } from './app/transport.ts';
import { initI18n } from './i18n/index.ts';
import { useApp } from './stores/app/store.ts';
import { useSettings } from './stores/settings/store.ts';
import './styles/app.css';

const root = createRoot(document.getElementById('root')!);
const transport = await chooseTransport(() => useApp.getState().markConnectionLost());

if (transport.kind === 'needs-launch') {
  const i18n = await initI18n(navigator.language.startsWith('it') ? 'it' : 'en');
  root.render(<div className="banner banner-danger" role="alert">{i18n.t('connection.needsLaunch')}</div>);
} else {
  installClient(createClient(transport.bridge));
  const settings = await useSettings.getState().load();
  await initI18n(settings.language);
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
