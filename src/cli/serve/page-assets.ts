// The three static files of the `--serve` checklist page: an HTML shell, its script and its stylesheet.
// The HTML holds no PSA data at all: the script fetches the snapshot as JSON and builds the page with
// createElement/textContent only (never innerHTML), because role, function and member names are hostile input
// (a role named `<img src=x onerror=...>` must show as text). Served as separate files so the Content-Security-
// Policy can forbid every inline script and style. Plain DOM, no framework, no build step: the script is written
// here as the browser runs it.

export const PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>cwctl checklist</title>
<link rel="stylesheet" href="/app.css">
<script src="/app.js" defer></script>
</head>
<body>
<header>
<h1>cwctl checklist <span id="target"></span></h1>
<p id="count" role="status" aria-live="polite">Loading the checklist…</p>
<progress id="progress" max="1" value="0" aria-label="Steps done"></progress>
<p id="banner" role="alert" hidden></p>
</header>
<main id="groups"></main>
<footer><p id="connection">Connecting to cwctl…</p></footer>
<noscript><p>This page needs JavaScript to tick itself off; the checklist as data is at <a href="/checklist.json">/checklist.json</a>.</p></noscript>
</body>
</html>
`;

export const PAGE_CSS = `body{font:15px/1.45 system-ui,sans-serif;margin:1.5em auto;max-width:60em;padding:0 1em;color:#1d1d1d;background:#fff}
h1{font-size:1.3em;margin:0 0 .3em}#target{font-weight:normal;color:#555}
h2{font-size:1.1em;margin:1.4em 0 .3em;border-bottom:1px solid #ddd}
h3{font-size:1em;margin:.8em 0 .2em;font-family:ui-monospace,monospace;color:#333}
ul{list-style:none;margin:0;padding:0}li{margin:.15em 0;padding:.15em .4em;border-radius:3px}
li.pending{background:#fff8e1}li.done{color:#4d6b4d}li.done .instruction{text-decoration:line-through}
li label{display:flex;gap:.5em;align-items:baseline}
.note{color:#666;font-size:.9em}.confirm{display:block;margin-left:1.8em;font-size:.9em}
code{font-family:ui-monospace,monospace;background:#f3f3f3;padding:0 .25em}
progress{width:100%;height:.8em}
#banner{padding:.6em .8em;font-weight:bold;border-radius:4px}
#banner.finished{background:#dff3df;color:#1e5b1e}#banner.stopped{background:#fde2e1;color:#7a1d1a}
#connection{color:#777;font-size:.85em}
@media (prefers-color-scheme:dark){body{background:#161616;color:#e6e6e6}h3{color:#ccc}#target,.note,#connection{color:#aaa}
li.pending{background:#3a3320}li.done{color:#9fc09f}code{background:#2a2a2a}h2{border-color:#333}
#banner.finished{background:#1e3b1e;color:#cfe9cf}#banner.stopped{background:#4a1e1c;color:#f6d2d0}}
`;

// Kept to what every current browser runs without a build step. Polls when EventSource is missing or refused
// (the server caps its push clients), and stops asking once apply has finished or stopped.
export const PAGE_JS = `'use strict';
(function () {
  var POLL_MS = 2000;
  var shown = -1;
  var ended = false;
  var source = null;
  var pollTimer = null;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function setConnection(text) {
    document.getElementById('connection').textContent = text;
  }

  function ownerHeading(owner) {
    return (owner.kind === 'member' ? 'API member ' : 'Security role ') + owner.name;
  }

  function renderLine(line) {
    var done = line.status === 'done';
    var item = el('li', done ? 'done' : 'pending');
    item.setAttribute('data-address', line.address);
    var label = el('label');
    var box = el('input');
    box.type = 'checkbox';
    box.disabled = true;
    box.checked = done;
    box.setAttribute('aria-checked', done ? 'true' : 'false');
    label.appendChild(box);
    var text = el('span');
    text.appendChild(el('span', 'instruction', line.instruction));
    if (line.note) {
      text.appendChild(document.createTextNode(' '));
      text.appendChild(el('span', 'note', '(' + line.note + ')'));
    }
    label.appendChild(text);
    item.appendChild(label);
    if (!done && line.confirmWith) {
      var confirm = el('span', 'confirm', 'cwctl cannot read this back; once done, confirm it when this apply ends: ');
      confirm.appendChild(el('code', '', line.confirmWith));
      item.appendChild(confirm);
    }
    return item;
  }

  function render(snapshot) {
    if (!snapshot || typeof snapshot.revision !== 'number' || snapshot.revision < shown) return;
    shown = snapshot.revision;
    var target = snapshot.target || {};
    document.getElementById('target').textContent = '— ' + target.site + ' (' + target.company + ')';
    document.title = 'cwctl checklist: ' + snapshot.done + ' of ' + snapshot.total + ' done';
    // Before apply's first read of the PSA there is nothing to count yet.
    document.getElementById('count').textContent = snapshot.total === 0 && snapshot.phase === 'waiting'
      ? 'Waiting for cwctl apply to read the PSA…'
      : snapshot.done + ' of ' + snapshot.total + ' done';
    var progress = document.getElementById('progress');
    progress.max = Math.max(snapshot.total, 1);
    progress.value = snapshot.done;

    var banner = document.getElementById('banner');
    banner.className = snapshot.phase;
    if (snapshot.phase === 'finished') {
      banner.textContent = 'Finished: every step is done. cwctl apply has ended; you can close this page.';
      banner.hidden = false;
    } else if (snapshot.phase === 'stopped') {
      var left = snapshot.total - snapshot.done;
      banner.textContent = left === 0
        ? 'Stopped: cwctl apply has ended.'
        : 'Stopped with ' + left + ' step' + (left === 1 ? '' : 's') + ' left: cwctl apply has ended. Run it again to go on.';
      banner.hidden = false;
    } else {
      banner.hidden = true;
      banner.textContent = '';
    }

    // One section per role or member, one heading per screen (its click path once), then the screen's lines.
    var sections = [];
    var current = null;
    (snapshot.groups || []).forEach(function (group) {
      var key = group.owner.kind + ':' + group.owner.name;
      if (!current || current.key !== key) {
        current = { key: key, node: el('section', 'owner') };
        current.node.appendChild(el('h2', '', ownerHeading(group.owner)));
        sections.push(current.node);
      }
      var screen = el('section', 'screen');
      screen.appendChild(el('h3', '', group.clickPath));
      var list = el('ul');
      group.lines.forEach(function (line) { list.appendChild(renderLine(line)); });
      screen.appendChild(list);
      current.node.appendChild(screen);
    });
    document.getElementById('groups').replaceChildren(...sections);
    var when = snapshot.checkedAt ? ' Last read of the PSA: ' + new Date(snapshot.checkedAt).toLocaleTimeString() + '.' : '';
    if (snapshot.phase !== 'waiting') finish('cwctl apply has ended; this page no longer updates.' + when);
    else if (source) setConnection('Live: ticks itself off as the PSA comes to match.' + when);
    else setConnection('Checking every few seconds.' + when);
  }

  function finish(text) {
    ended = true;
    if (source) { source.close(); source = null; }
    if (pollTimer) { clearTimeout(pollTimer); pollTimer = null; }
    setConnection(text);
  }

  function poll() {
    pollTimer = null;
    fetch('/checklist.json', { cache: 'no-store' })
      .then(function (response) {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return response.json();
      })
      .then(render, function () {
        setConnection('Cannot reach cwctl (it may have ended); trying again…');
      })
      .then(function () {
        if (!ended) pollTimer = setTimeout(poll, POLL_MS);
      });
  }

  function listen() {
    if (typeof EventSource !== 'function') { poll(); return; }
    source = new EventSource('/events');
    source.addEventListener('snapshot', function (event) {
      try { render(JSON.parse(event.data)); } catch (e) { /* a torn message: the next one or a poll repairs it */ }
    });
    source.onerror = function () {
      // CLOSED: refused (e.g. too many pages open) or gone for good: fall back to polling. CONNECTING: the
      // browser retries by itself.
      if (ended || !source) return;
      if (source.readyState !== EventSource.CLOSED) { setConnection('Lost the connection to cwctl (apply may have ended); reconnecting…'); return; }
      source = null;
      poll();
    };
  }

  listen();
})();
`;
