// The results view: the total (about, when estimated), the active filters as chips, sort,
// export, each decision with its outcome, facts and excerpt, paging; and words for errors and
// empty answers.
import { el, excerpt, badge } from './dom.js';
import { exportUrl } from './api.js';

export const PAGE = 10;

function facts(h) {
  const parts = [h.treatment + (h.class ? ` / ${h.class}` : '')];
  if (h.regions.length) parts.push([h.sides.join('/'), h.regions.join(', ')].filter(Boolean).join(' '));
  if (h.specialties.length) parts.push(h.specialties.join(', '));
  if (h.decision_date) parts.push(`decided ${h.decision_date}`);
  if (h.guideline && h.guideline.sources.length) parts.push(`guideline ${h.guideline.sources.join('/').toUpperCase()}`);
  return parts.join(' · ');
}

export function renderResults(container, results, state, actions) {
  container.replaceChildren();
  const total = results.total;
  const about = total.relation === 'eq' ? '' : 'about ';
  const count = total.relation === 'eq' ? total.value : total.estimate;
  container.append(el('p', { class: 'summary', id: 'total', 'data-total': count },
    `${about}${count.toLocaleString()} decision${count === 1 ? '' : 's'}`,
    results.query.connectors ? ' · read as terms and connectors' : ''));
  if (results.query.text && results.query.text !== results.query.typed) {
    container.append(el('p', { class: 'summary' }, 'Understood as: ', el('code', {}, results.query.text)));
  }
  if (results.query.common_words?.length) {
    container.append(el('p', { class: 'summary', id: 'common-words' }, 'Searched without words most decisions hold: ',
      el('code', {}, results.query.common_words.join(' '))));
  }
  for (const n of results.notices || []) container.append(el('p', { class: 'summary' }, n));
  if (state.filters.length) {
    container.append(el('ul', { class: 'chips', 'aria-label': 'Active filters' },
      state.filters.map((f) => el('li', {}, el('button', { type: 'button', class: 'chip', 'data-field': f.field, 'data-value': f.value,
        onclick: () => actions.unfilter(f) }, el('span', { class: 'sr-only' }, 'Remove filter '), `${f.field}: ${f.value} `,
        el('span', { 'aria-hidden': 'true' }, '✕'))))));
  }
  const sort = el('select', { id: 'sort', onchange: (e) => actions.sort(e.target.value) },
    ['relevance', 'newest', 'oldest'].map((s) => el('option', { value: s, selected: s === state.sort }, s === 'relevance' ? 'Relevance' : s === 'newest' ? 'Newest first' : 'Oldest first')));
  container.append(el('div', { class: 'toolbar' }, el('label', { for: 'sort' }, 'Sort '), sort,
    el('a', { href: exportUrl(state), id: 'export', download: 'imrsearch-export.csv' }, 'Export these decisions (CSV)')));
  if (results.hits.length === 0) {
    const empty = el('div', { id: 'empty' }, el('p', {}, 'No decision matches.'));
    if (results.suggestion) {
      empty.append(el('p', {}, 'Did you mean ', el('a', { href: '#', onclick: (e) => { e.preventDefault(); actions.query(results.suggestion.query); } },
        results.suggestion.query), ` (${results.suggestion.total} decisions)?`));
    }
    if (state.filters.length) empty.append(el('p', {}, 'Remove a filter above to widen the search.'));
    container.append(empty);
    return;
  }
  const list = el('ol', { class: 'hits', start: state.offset + 1 });
  for (const h of results.hits) {
    list.append(el('li', { class: 'hit', 'data-id': h.id, 'data-outcome': h.outcome, 'data-date': h.decision_date || '' },
      el('h2', {}, el('a', { href: `?decision=${encodeURIComponent(h.id)}`, onclick: (e) => { e.preventDefault(); actions.open(h.id); } }, h.title), ' ', badge(h.outcome)),
      el('p', { class: 'meta' }, facts(h)),
      el('p', { class: 'meta' }, h.citation),
      excerpt(h.excerpt)));
  }
  container.append(list);
  const pager = el('nav', { class: 'pager', 'aria-label': 'Pages' });
  if (state.offset > 0) pager.append(el('button', { type: 'button', onclick: () => actions.page(Math.max(0, state.offset - PAGE)) }, 'Previous'));
  if (state.offset + PAGE < count) pager.append(el('button', { type: 'button', id: 'next', onclick: () => actions.page(state.offset + PAGE) }, 'Next'));
  container.append(pager);
}
