'use strict';
// The live page: the feed (newest on top, without reloading) and the trending companies.
(() => {
  const MAX_ITEMS = 200;
  const list = document.getElementById('feed');
  const empty = document.getElementById('feed-empty');
  let stop = null;

  let live = false;

  function setState(state) {
    live = nf.showFeedState(state);
  }

  // The backlog comes partition by partition: place it by publication time. Live articles go on top.
  const topicNames = document.getElementById('topic-names');
  const knownTopics = new Set();

  // The topic filter offers the topics articles really carry, as they arrive.
  function learnTopics(article) {
    for (const t of article.topics || []) {
      if (!knownTopics.has(t.topic)) {
        knownTopics.add(t.topic);
        const option = nf.el('option');
        option.value = t.topic;
        topicNames.append(option);
      }
    }
  }

  function show(article) {
    learnTopics(article);
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

  // The filters live in the page's URL, so a filtered view can be bookmarked and shared.
  const filterForm = document.getElementById('filter');
  const alertsForm = document.getElementById('alerts-filter');
  const FILTERS = ['company', 'topic', 'minSalience'];

  function feedParams() {
    const params = { backlog: '50' };
    for (const [k, v] of new FormData(filterForm).entries()) {
      if (String(v).trim() !== '' && !(k === 'minSalience' && Number(v) === 0)) params[k] = String(v).trim();
    }
    return params;
  }

  function saveFilters() {
    const url = new URLSearchParams();
    const params = feedParams();
    for (const k of FILTERS) if (params[k]) url.set(k, params[k]);
    const alertCompany = alertsForm.elements.company.value.trim();
    if (alertCompany) url.set('alerts', alertCompany);
    const query = url.toString();
    window.history.replaceState(null, '', query ? '?' + query : window.location.pathname);
  }

  const initial = new URLSearchParams(window.location.search);
  for (const k of FILTERS) if (initial.get(k) !== null) filterForm.elements[k].value = initial.get(k);
  alertsForm.elements.company.value = initial.get('alerts') || '';

  filterForm.addEventListener('submit', (e) => {
    e.preventDefault();
    saveFilters();
    start(feedParams());
  });

  const refreshAlerts = nf.watchAlerts(document.getElementById('alerts'), document.getElementById('alerts-empty'),
    () => alertsForm.elements.company.value.trim());
  alertsForm.addEventListener('submit', (e) => {
    e.preventDefault();
    saveFilters();
    refreshAlerts();
  });
  alertsForm.elements.company.addEventListener('change', () => {
    saveFilters();
    refreshAlerts();
  });

  let companiesListed = false;

  async function refreshTrending() {
    try {
      const response = await fetch('/v1/companies?limit=15');
      if (!response.ok) return;
      const data = await response.json();
      nf.showNewsClock(data.newsClock);
      const body = document.querySelector('#trending tbody');
      const rows = data.companies.map((c) => {
        const tr = nf.el('tr');
        const name = nf.el('td');
        name.append(nf.companyLink(c.companyId, c.name));
        tr.append(name, nf.el('td', c.articleCount, 'num'), nf.el('td', c.last24hArticles, 'num'),
          nf.el('td', nf.signed(c.trendScore), 'num'), nf.el('td', c.latestRelease || ''));
        return tr;
      });
      body.replaceChildren(...(rows.length ? rows
        : [(() => { const tr = nf.el('tr'); const td = nf.el('td', 'No companies yet', 'empty'); td.colSpan = 5; tr.append(td); return tr; })()]));
      if (!companiesListed) {
        companiesListed = true;
        const all = await fetch('/v1/companies?limit=10000');
        if (all.ok) {
          const options = (await all.json()).companies.map((c) => {
            const option = nf.el('option', c.name);
            option.value = c.companyId;
            return option;
          });
          document.getElementById('company-ids').replaceChildren(...options);
        }
      }
    } catch (e) {
      // the gateway is restarting: the next refresh will do
    }
  }

  start(feedParams());
  refreshTrending();
  window.setInterval(refreshTrending, 5000);
})();
