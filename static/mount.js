// Mounts Backup Doctor into an element of a portal's own page (see the
// README, "Embedding"). `cargo xtask precache` writes this build's hashed
// file names into dist/mount.js after every build.
//
//   import { mount } from 'https://help.example.com/troubleshooter/mount.js';
//   mount(document.getElementById('troubleshooter'), { ns: 'portal' });
//
// or, declaratively: <backup-doctor ns="portal" accent="#c2410c"></backup-doctor>
//
// It defines nothing global but the <backup-doctor> element, and installs
// no error handler on the host page.

const JS = '__BD_JS__';
const WASM = '__BD_WASM__';
const CSS = '__BD_CSS__';
const base = new URL('.', import.meta.url).href;

let loading;
function load() {
  if (!loading) {
    loading = import(new URL(JS, base).href).then(async (bindings) => {
      await bindings.default({ module_or_path: new URL(WASM, base).href });
      return bindings;
    });
  }
  return loading;
}

// Renders the app inside `element` (in a shadow root). `options` takes the
// same names as the iframe's query parameters, e.g. { ns, accent, start }.
export async function mount(element, options = {}) {
  if (!(element instanceof Element)) throw new TypeError('Backup Doctor: mount() needs an element');
  const bindings = await load();
  bindings.backupDoctorMount(element, { ...options }, base, new URL(CSS, base).href);
}

// The attributes of <backup-doctor> that are options (id, class and the
// like are the page's own).
const OPTIONS = ['start', 'code', 'ns', 'accent', 'font', 'radius', 'scheme', 'contact_label', 'contact_url', 'handover', 'outcomes'];

class BackupDoctorElement extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    const options = {};
    for (const name of OPTIONS) if (this.hasAttribute(name)) options[name] = this.getAttribute(name);
    mount(this, options).catch((err) => console.warn(String(err)));
  }
}

if (!customElements.get('backup-doctor')) customElements.define('backup-doctor', BackupDoctorElement);
