'use strict';
// Shared by the dashboard pages. Every value that comes from an article or a summary reaches the page
// through textContent or a checked href: never innerHTML, never a javascript: or data: link.
const nf = {
  el(tag, text, className) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (className) e.className = className;
    return e;
  },

  /** The URL if it is http(s), else null: a feed cannot smuggle javascript: or data: links in. */
  safeUrl(raw) {
    if (typeof raw !== 'string' || raw === '') return null;
    try {
      const u = new URL(raw, window.location.href);
      return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
    } catch (e) {
      return null;
    }
  },

  link(text, url) {
    const href = nf.safeUrl(url);
    const a = nf.el(href ? 'a' : 'span', text);
    if (href) {
      a.href = href;
      a.rel = 'noopener noreferrer nofollow';
      a.target = '_blank';
    }
    return a;
  },

  companyLink(id, text) {
    const a = nf.el('a', text === undefined ? id : text, 'company');
    a.href = '/company.html?id=' + encodeURIComponent(id);
    return a;
  },

  time(iso) {
    if (!iso) return '';
    const d = new Date(iso);
    return isNaN(d.getTime()) ? '' : d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  },

  /** Shows the application's news clock (the newest article time seen) in the page header. */
  showNewsClock(iso) {
    const clock = document.getElementById('news-clock');
    if (clock && iso) {
      clock.textContent = 'News clock: ' + nf.time(iso);
      clock.dataset.at = iso;
    }
  },

  /** Shows the live feed's state ('live', 'connecting', 'refused: ...') in the page header; true when live. */
  showFeedState(state) {
    document.getElementById('feed-status').textContent = state;
    const live = state === 'live';
    document.body.dataset.feed = live ? 'live' : state.startsWith('refused') ? 'refused' : 'connecting';
    return live;
  },

  /**
   * Why the gateway refuses a request (its JSON error), or null when it does not: a 4xx answer is a refusal;
   * a stream that opens, or a gateway that is away, is not. Reads only the status of a stream that opens.
   */
  async refusal(url) {
    const abort = new AbortController();
    try {
      const response = await fetch(url, { signal: abort.signal });
      if (response.status < 400 || response.status >= 500) return null;
      const body = await response.json().catch(() => ({}));
      return body.error || 'HTTP ' + response.status;
    } catch (e) {
      return null;
    } finally {
      abort.abort();
    }
  },

  signed(x) {
    return typeof x === 'number' ? (x >= 0 ? '+' : '') + x.toFixed(2) : '–';
  },

  /** One article as a list item: linked title, source and time, companies, topics. */
  articleItem(article, focusCompany) {
    const li = nf.el('li', null, 'article');
    li.dataset.id = article.id;
    const title = nf.link(article.title, article.url);
    title.classList.add('title');
    li.append(title);
    const meta = nf.el('div', null, 'meta');
    meta.append(nf.el('span', article.source || '', 'source'), nf.el('span', nf.time(article.publishedAt), 'when'));
    li.append(meta);
    const chips = nf.el('div', null, 'chips');
    for (const m of article.mentions || []) {
      const chip = nf.companyLink(m.companyId, m.companyId + ' ' + Math.round((m.salience || 0) * 100) + '%');
      if (m.companyId === focusCompany) chip.classList.add('focus');
      chips.append(chip);
    }
    for (const t of article.topics || []) chips.append(nf.el('span', t.topic, 'topic'));
    li.append(chips);
    return li;
  },

  /** One alert as a list item: its kind, title (linked to its company), message and when it fired. */
  alertItem(alert) {
    const li = nf.el('li', null, 'alert');
    li.dataset.id = alert.id;
    li.dataset.company = alert.companyId || '';
    const head = nf.el('div', null, 'alert-head');
    head.append(nf.el('span', (alert.ruleType || '').replace('_', ' ').toLowerCase(), 'kind kind-' + (alert.ruleType || '').toLowerCase()));
    head.append(nf.el('span', alert.title, 'alert-title'));
    li.append(head);
    if (alert.message) li.append(nf.el('div', alert.message, 'alert-message'));
    const meta = nf.el('div', null, 'meta');
    if (alert.companyId) meta.append(nf.companyLink(alert.companyId));
    meta.append(nf.el('span', nf.time(alert.firedAt), 'when'), nf.el('span', 'rule ' + alert.ruleId, 'rule'));
    li.append(meta);
    return li;
  },

  /**
   * Keeps {@code list} showing the newest alerts (of {@code company()} when it gives one), polling
   * /v1/alerts every few seconds; {@code empty} says when there are none. Returns a function that
   * refreshes at once (after a filter change).
   */
  watchAlerts(list, empty, company) {
    let shown = '';
    const refresh = async () => {
      const params = new URLSearchParams({ limit: '30' });
      const c = company();
      if (c) params.set('company', c);
      try {
        const response = await fetch('/v1/alerts?' + params.toString());
        if (!response.ok) {
          empty.textContent = response.status === 400 ? 'Unknown company id' : 'Alerts unavailable (' + response.status + ')';
          empty.hidden = false;
          list.replaceChildren();
          return;
        }
        const data = await response.json();
        const ids = data.alerts.map((a) => a.id).join(',');
        if (ids !== shown) {
          list.replaceChildren(...data.alerts.map(nf.alertItem));
          shown = ids;
        }
        empty.textContent = c ? 'No alerts for ' + c + ' yet' : 'No alerts yet';
        empty.hidden = data.alerts.length > 0;
        list.dataset.loaded = 'yes';
      } catch (e) {
        // the gateway is restarting: the next refresh will do
      }
    };
    refresh();
    window.setInterval(refresh, 3000);
    return refresh;
  },

  /**
   * Follows /v1/feed. The browser's EventSource reconnects by itself and sends Last-Event-ID, so the
   * gateway resumes the feed where it stopped; if the stream cannot be resumed, start again, unless the
   * gateway refuses the request itself (an unknown topic): then say why and stop.
   */
  follow(params, handlers) {
    let source = null;
    let stopped = false;
    const url = '/v1/feed?' + new URLSearchParams(params).toString();
    const open = () => {
      source = new EventSource(url);
      handlers.state('connecting');
      source.addEventListener('ready', () => handlers.state('live'));
      source.addEventListener('article', (e) => {
        let article;
        try {
          article = JSON.parse(e.data);
        } catch (err) {
          return;
        }
        handlers.article(article, e.lastEventId);
      });
      source.addEventListener('disconnect', (e) => {
        handlers.state('reconnecting (' + (JSON.parse(e.data).reason || 'disconnected') + ')');
      });
      source.onerror = async () => {
        if (source.readyState !== EventSource.CLOSED || stopped) {
          handlers.state('reconnecting');
          return;
        }
        const refused = await nf.refusal(url);
        if (stopped) return;
        if (refused) {
          handlers.state('refused: ' + refused);
        } else {
          handlers.state('reconnecting');
          window.setTimeout(open, 3000);
        }
      };
    };
    open();
    return () => {
      stopped = true;
      source.close();
    };
  },
};
