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

  /**
   * Follows /v1/feed. The browser's EventSource reconnects by itself and sends Last-Event-ID, so the
   * gateway resumes the feed where it stopped; if the stream cannot be resumed, start again.
   */
  follow(params, handlers) {
    let source = null;
    let stopped = false;
    const open = () => {
      source = new EventSource('/v1/feed?' + new URLSearchParams(params).toString());
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
      source.onerror = () => {
        if (source.readyState === EventSource.CLOSED && !stopped) {
          handlers.state('reconnecting');
          window.setTimeout(open, 3000);
        } else {
          handlers.state('reconnecting');
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
