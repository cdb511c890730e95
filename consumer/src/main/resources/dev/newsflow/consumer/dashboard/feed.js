'use strict';
// The live page: the feed (newest on top, without reloading) and the trending companies.
(() => {
  const MAX_ITEMS = 200;
  const list = document.getElementById('feed');
  const empty = document.getElementById('feed-empty');
  const status = document.getElementById('feed-status');
  let stop = null;

  let live = false;

  function setState(state) {
    status.textContent = state;
    live = state === 'live';
    document.body.dataset.feed = live ? 'live' : 'connecting';
  }

  // The backlog comes partition by partition: place it by publication time. Live articles go on top.
  function show(article) {
    if (list.querySelector('li[data-id="' + CSS.escape(article.id) + '"]')) return;
    const item = nf.articleItem(article);
    item.dataset.published = article.publishedAt || '';
    if (live) {
      list.prepend(item);
    } else {
      const older = Array.from(list.children).find((li) => (li.dataset.published || '') < item.dataset.published);
      list.insertBefore(item, older || null);
    }
    while (list.children.length > MAX_ITEMS) list.lastChild.remove();
    empty.hidden = true;
  }

  function start(params) {
    if (stop) stop();
    list.replaceChildren();
    empty.hidden = false;
    stop = nf.follow(params, { article: show, state: setState });
  }

  document.getElementById('filter').addEventListener('submit', (e) => {
    e.preventDefault();
    const form = new FormData(e.target);
    const params = { backlog: '50' };
    for (const [k, v] of form.entries()) if (String(v).trim() !== '' && !(k === 'minSalience' && Number(v) === 0)) params[k] = String(v).trim();
    start(params);
  });

  async function refreshTrending() {
    try {
      const response = await fetch('/v1/companies?limit=15');
      if (!response.ok) return;
      const data = await response.json();
      const body = document.querySelector('#trending tbody');
      const rows = data.companies.map((c) => {
        const tr = nf.el('tr');
        const name = nf.el('td');
        name.append(nf.companyLink(c.companyId, c.name));
        tr.append(name, nf.el('td', c.articleCount, 'num'), nf.el('td', c.last24hArticles, 'num'),
          nf.el('td', nf.signed(c.trendScore), 'num'), nf.el('td', c.latestRelease || ''));
        return tr;
      });
      body.replaceChildren(...rows);
    } catch (e) {
      // the gateway is restarting: the next refresh will do
    }
  }

  start({ backlog: '50' });
  refreshTrending();
  window.setInterval(refreshTrending, 5000);
})();
