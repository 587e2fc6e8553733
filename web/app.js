// The page: reads its state from the URL, asks the service, draws the results or a decision;
// every change is a new URL (pushState), and back and forward redraw from it.
import * as api from './api.js';
import * as urlState from './state.js';
import { renderResults, PAGE } from './results.js';
import { renderFacets } from './facets.js';
import { renderDecision } from './decision.js';

const $ = (id) => document.getElementById(id);
let state = urlState.read();

function go(next, replace = false) {
  state = next;
  const target = urlState.url(state);
  if (replace) history.replaceState(null, '', target);
  else history.pushState(null, '', target);
  draw();
}

const actions = {
  query: (q) => go({ ...state, q, offset: 0, decision: '' }),
  filter: (f) => go({ ...state, filters: [...state.filters, f], offset: 0 }),
  unfilter: (f) => go({ ...state, filters: state.filters.filter((x) => x.field !== f.field || x.value !== f.value), offset: 0 }),
  sort: (sort) => go({ ...state, sort, offset: 0 }),
  page: (offset) => go({ ...state, offset }),
  open: (decision) => go({ ...state, decision }),
};

function showError(message) {
  const box = $('query-error');
  box.textContent = message;
  box.hidden = !message;
}

async function draw() {
  $('q').value = state.q;
  showError('');
  const deciding = Boolean(state.decision);
  $('results-view').hidden = deciding;
  $('decision-view').hidden = !deciding;
  if (deciding) {
    try {
      await renderDecision($('decision-view'), state.decision, actions);
    } catch (e) {
      $('decision-view').textContent = e.message;
    }
    return;
  }
  document.title = state.q ? `${state.q}: imrsearch` : 'imrsearch: IMR precedent search';
  if (!state.q && state.filters.length === 0) {
    $('results').replaceChildren();
    $('facets').replaceChildren();
    return;
  }
  $('results').setAttribute('aria-busy', 'true');
  try {
    const results = await api.search(state.q ? state : { ...state, q: `${state.filters[0].field}:"${state.filters[0].value}"` }, PAGE);
    renderResults($('results'), results, state, actions);
    renderFacets($('facets'), results, state, actions.filter);
  } catch (e) {
    showError(e.message);
    $('results').replaceChildren();
    $('facets').replaceChildren();
  } finally {
    $('results').removeAttribute('aria-busy');
  }
}

$('search').addEventListener('submit', (e) => {
  e.preventDefault();
  actions.query($('q').value.trim());
});
window.addEventListener('popstate', () => {
  state = urlState.read();
  draw();
});
draw();
