// The script of mount-strict.html: an external module, because the page's
// Content-Security-Policy allows no inline script. It mounts Backup Doctor
// into #troubleshooter and logs its events.
//
// Open the page as mount-strict.html?app=http://127.0.0.1:8080/ (a running
// Backup Doctor). A real portal imports mount.js from its literal address.

const params = new URLSearchParams(location.search);
let APP = new URL(params.get('app') || 'http://127.0.0.1:8080/', location.href).href;
if (!APP.endsWith('/')) APP += '/';

window.portalEvents = [];
window.hostStart = { href: location.href, historyLength: history.length };

const list = document.getElementById('event-log');
function logEvent(event) {
  window.portalEvents.push(event);
  list.querySelector('.nw-empty')?.remove();
  const item = document.createElement('li');
  const type = document.createElement('span');
  type.className = 'nw-type';
  type.textContent = event.type;
  item.append(type);
  let detail = event.step || event.fix || (event.summary ? event.summary.split('\n')[0] + '…' : '');
  if (event.type === 'step') detail += ' (' + event.count + ')';
  if (detail) item.append(' ' + detail);
  list.append(item);
}

const el = document.getElementById('troubleshooter');
el.addEventListener('backup-doctor', (e) => logEvent(e.detail));
const { mount } = await import(APP + 'mount.js');
const options = { ns: 'portal-strict', contact_label: 'Open a Northwind ticket', contact_url: 'https://portal.example.com/tickets/new' };
if (params.get('start')) options.start = params.get('start');
await mount(el, options);
window.portalMounted = true;
