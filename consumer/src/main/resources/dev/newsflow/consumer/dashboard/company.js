'use strict';
// A company's page: its numbers, its digest (the last 24 hours and 7 days), a 24-hour activity chart (inline SVG),
// releases, headlines, live articles.
(() => {
  const SVG = 'http://www.w3.org/2000/svg';
  const HOUR = 3600000;
  const id = new URLSearchParams(window.location.search).get('id') || '';
  const problem = document.getElementById('problem');
  let refreshTimer = null;
  let shown = null;

  function svg(tag, attrs) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
    return e;
  }

  function drawChart(activity) {
    const hours = activity.hours || [];
    const width = 720, height = 180, pad = 24;
    const max = Math.max(1, ...hours);
    const barWidth = (width - 2 * pad) / Math.max(1, hours.length);
    const chart = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, role: 'img', class: 'activity' });
    const label = svg('title');
    label.textContent = 'Articles per hour, ' + nf.time(activity.start) + ' to ' + nf.time(activity.end);
    chart.append(label);
    chart.append(svg('line', { x1: pad, y1: height - pad, x2: width - pad, y2: height - pad, class: 'axis' }));
    const start = activity.start ? new Date(activity.start).getTime() : 0;
    hours.forEach((count, i) => {
      const h = (height - 2 * pad) * count / max;
      const bar = svg('rect', { x: pad + i * barWidth + 1, y: height - pad - h, width: barWidth - 2, height: h,
        class: 'bar', 'data-count': count, 'data-hour': i });
      const tip = svg('title');
      tip.textContent = (start ? nf.time(new Date(start + i * 3600000).toISOString()) : 'hour ' + i) + ': ' + count;
      bar.append(tip);
      chart.append(bar);
      if (i % 6 === 0 && start) {
        const t = svg('text', { x: pad + i * barWidth, y: height - 6, class: 'tick' });
        t.textContent = new Date(start + i * 3600000).toISOString().slice(11, 16);
        chart.append(t);
      }
    });
    const top = svg('text', { x: 2, y: pad, class: 'tick' });
    top.textContent = String(max);
    chart.append(top);
    const caption = nf.el('p', !activity.end ? 'No articles seen yet'
      : 'The 24 hours to ' + nf.time(activity.end) + (activity.latestCoverage
        ? ', its latest coverage (nothing in the 24 hours to the newest article seen)'
        : ', the newest article seen'), 'aside');
    document.getElementById('chart').replaceChildren(chart, caption);
  }

  let languageNames = null;
  try {
    languageNames = new Intl.DisplayNames(['en'], { type: 'language' });
  } catch (e) {
    // no display names in this browser: the tags themselves
  }

  /** A language tag's English name by its language alone ("zh-Hans" is "Chinese"), as the digest's text names it. */
  function languageName(tag) {
    try {
      return (languageNames && languageNames.of(String(tag).split('-')[0])) || String(tag);
    } catch (e) {
      return String(tag); // not a language tag
    }
  }

  /** "English", "English and Chinese", "Chinese, English and French". */
  function languageList(tags) {
    const names = tags.map(languageName);
    return names.length < 2 ? names.join('') : names.slice(0, -1).join(', ') + ' and ' + names[names.length - 1];
  }

  function count(n, noun) {
    return n + ' ' + noun + (n === 1 ? '' : 's');
  }

  /** One main story: its key sentence quoted (in its article's language), its outlets, languages and reports. */
  function digestStory(story) {
    const li = nf.el('li', null, 'story');
    li.dataset.story = story.storyId;
    if (story.keySentence) {
      const key = nf.el('q', story.keySentence, 'key');
      if (story.keySentenceLanguage) key.lang = story.keySentenceLanguage;
      if (story.keySentenceArticleId) key.dataset.article = story.keySentenceArticleId;
      li.append(key);
    } else {
      li.append(nf.el('span', 'No key sentence found', 'empty'));
    }
    const meta = nf.el('div', null, 'meta');
    meta.append(nf.el('span', count(story.outlets || 0, 'outlet'), 'outlets'));
    if ((story.languages || []).length) meta.append(nf.el('span', languageList(story.languages), 'languages'));
    meta.append(nf.el('span', count(story.reports || 0, 'report'), 'reports'));
    if (story.tone) meta.append(nf.el('span', story.tone + ' in tone', 'tone'));
    li.append(meta);
    return li;
  }

  /**
   * One period of the digest: a heading dated by its end, its counts (with the coverage compared with the
   * usual, for the 24 hours), then its main stories, heaviest first.
   */
  function digestPeriod(box, label, end, period, coverage) {
    const heading = nf.el('h3', label + ' to ' + nf.time(end));
    heading.title = 'Up to the end of the hour of this company\'s newest news, which for a company out of the news is not today.';
    const rows = [['Articles', period.articles || 0], ['Outlets', period.outlets || 0], ['Tone', period.tone || '–']];
    if (coverage) rows.push(coverage);
    const counts = nf.el('dl', null, 'counts');
    counts.append(...rows.map(([k, v, title]) => {
      const pair = nf.el('div');
      const dd = nf.el('dd', v);
      if (title) dd.title = title;
      pair.append(nf.el('dt', k), dd);
      return pair;
    }));
    const stories = (period.stories || []).map(digestStory);
    const list = stories.length ? nf.el('ol', null, 'stories')
      : nf.el('p', period.articles ? 'No main story' : 'No articles in this period', 'empty');
    list.append(...stories);
    box.replaceChildren(heading, counts, list);
  }

  /** The digest of the summary, hidden when it has none (a summary from before digests). */
  function renderDigest(digest) {
    const section = document.getElementById('digest');
    section.hidden = !digest;
    if (!digest) return;
    const asOf = new Date(digest.asOf).getTime();
    const end = isNaN(asOf) ? '' : new Date(asOf + HOUR).toISOString();
    const coverage = ['Coverage', digest.coverage || 'not known yet',
      typeof digest.coverageRatio === 'number'
        ? 'The 24 hours\' articles are ' + digest.coverageRatio.toFixed(2) + ' times its daily mean before them'
        : 'Under 3 days of history: too little to say what is usual'];
    digestPeriod(document.getElementById('digest-day'), '24 hours', end, digest.day || {}, coverage);
    digestPeriod(document.getElementById('digest-week'), '7 days', end, digest.week || {}, null);
  }

  function render(data) {
    const s = data.summary;
    document.title = 'newsflow — ' + s.name;
    document.getElementById('name').textContent = s.name;
    nf.showNewsClock(data.newsClock);
    const stats = document.getElementById('stats');
    const rows = [['Articles', s.articleCount], ['Mentions', s.mentionCount], ['Last 24 h', s.last24hArticles],
      ['Trend', nf.signed(s.trendScore)], ['Sentiment', nf.signed(s.sentiment)],
      ['Topics', (s.topTopics || []).join(', ')], ['Newest news', nf.time(s.updatedAt)]];
    stats.replaceChildren(...rows.flatMap(([k, v]) => [nf.el('dt', k), nf.el('dd', v)]));
    renderDigest(s.digest);
    drawChart(data.activity || { hours: [] });
    const releases = (s.latestReleases || []).map((r) => {
      const li = nf.el('li');
      li.append(nf.link(r.product + (r.version ? ' ' + r.version : ''), r.url));
      li.append(nf.el('span', ' ' + nf.time(r.releasedAt) + (r.firstOfFamily ? ' · first of its family' : '')
        + (r.detectedFromCoverage ? ' · detected from coverage' : ''), 'aside'));
      return li;
    });
    document.getElementById('releases').replaceChildren(...(releases.length ? releases : [nf.el('li', 'None yet', 'empty')]));
    const headlines = (s.latestHeadlines || []).map((h) => {
      const li = nf.el('li');
      li.append(nf.link(h.title, h.url));
      li.append(nf.el('span', ' ' + (h.source || '') + ' ' + nf.time(h.publishedAt), 'aside'));
      return li;
    });
    document.getElementById('headlines').replaceChildren(...(headlines.length ? headlines : [nf.el('li', 'None yet', 'empty')]));
    document.body.dataset.loaded = 'yes';
  }

  async function load() {
    const response = await fetch('/v1/companies/' + encodeURIComponent(id));
    const body = await response.text();
    if (body === shown) return; // nothing new: the page stays as it is
    shown = body;
    const data = JSON.parse(body);
    if (!response.ok) {
      problem.textContent = response.status === 404
        ? 'newsflow has no company "' + id + '": no article or release has named it yet, or the id is mistyped. '
          + 'Company ids are lowercase slugs such as bytedance; the live page lists the companies seen so far.'
        : (data.error || 'the gateway could not answer (' + response.status + ')');
      problem.hidden = false;
      if (response.status === 404) document.getElementById('name').textContent = 'Unknown company';
      document.body.dataset.loaded = 'missing';
      return;
    }
    problem.hidden = true;
    render(data);
    const recent = document.getElementById('recent');
    if (!recent.children.length) {
      for (const a of data.recent || []) {
        recent.append(nf.articleItem({ id: a.id, title: a.title, url: a.url, source: a.source,
          publishedAt: a.publishedAt, mentions: [{ companyId: id, salience: a.salience }] }, id));
      }
    }
  }

  function refreshSoon() {
    if (refreshTimer) return;
    refreshTimer = window.setTimeout(() => {
      refreshTimer = null;
      load().catch(() => {});
    }, 500);
  }

  document.getElementById('name').textContent = id;
  load().catch(() => {
    problem.textContent = 'The gateway did not answer.';
    problem.hidden = false;
  });
  // The summary and the chart come from the streams application a moment after the articles the feed shows
  // (the chart's hours up to a second later): a refresh every few seconds brings them.
  window.setInterval(refreshSoon, 5000);
  if (/^[a-z0-9][a-z0-9._-]*$/.test(id)) {
    nf.watchAlerts(document.getElementById('alerts'), document.getElementById('alerts-empty'), () => id);
  }

  nf.follow({ company: id }, {
    article(article) {
      const recent = document.getElementById('recent');
      if (!recent.querySelector('li[data-id="' + CSS.escape(article.id) + '"]')) recent.prepend(nf.articleItem(article, id));
      refreshSoon();
    },
    state(state) {
      nf.showFeedState(state);
    },
  });
})();
