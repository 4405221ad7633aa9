import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { findPage } from './pages/index.ts';
import { onBeforeNavigate } from './state/router.ts';
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/controls.css';
import './styles/tables.css';
import './styles/pages.css';

// why: a page's code and data start loading before React draws it: at start, while the session is
// checked, and on each navigation, before the redraw with the previous data.
const preload = (url: URL) => findPage(url.pathname)?.preload(url.searchParams);
preload(new URL(window.location.href));
onBeforeNavigate(preload);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
