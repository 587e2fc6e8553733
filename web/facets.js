// The facet sidebar: every facet the search counted, each value a button that filters by it,
// with its count and share overturned; and the chart of the result set by year.
import { el } from './dom.js';
import { yearChart } from './chart.js';

const NAMES = {
  outcome: 'Outcome', treatment: 'Treatment', class: 'Medication class', region: 'Body region', side: 'Side',
  specialty: 'Reviewer specialty', year: 'Decision year', guideline: 'Guideline relied on', chapter: 'Guideline chapter',
  section: 'Guideline section', edition: 'Guideline edition', basis: 'Basis', claims: 'Claims administrator cited',
  priority: 'Priority', sex: 'Patient sex',
};
const SHOWN = 8;

export function renderFacets(container, results, state, onFilter) {
  container.replaceChildren();
  const facets = results.facets || {};
  const chart = yearChart(facets.year);
  if (chart) {
    container.append(el('div', { class: 'facet' }, el('h3', {}, 'By decision year'), chart,
      el('p', { class: 'legend' }, el('span', { class: 'swatch', style: 'background:#8a2c0d' }), 'upheld',
        el('span', { class: 'swatch', style: 'background:#0f6b3a' }), 'overturned')));
  }
  const active = new Set(state.filters.map((f) => `${f.field}:${f.value}`));
  // The facets a claims attorney narrows by first, then the rest.
  const order = [...Object.keys(NAMES).filter((f) => f in facets), ...Object.keys(facets).filter((f) => !(f in NAMES))];
  for (const field of order) {
    const values = facets[field];
    const open = values.filter((v) => !active.has(`${field}:${v.value}`));
    if (open.length === 0) continue;
    const list = el('ul');
    open.forEach((v, i) => {
      const share = field === 'outcome' ? '' : `${Math.round((100 * v.overturned) / Math.max(1, v.count))}%`;
      list.append(el('li', { hidden: i >= SHOWN },
        el('button', { type: 'button', 'data-field': field, 'data-value': v.value, 'data-count': v.count,
          onclick: () => onFilter({ field, value: v.value }) },
        el('span', {}, el('span', { class: 'sr-only' }, `Filter by ${NAMES[field] || field}: `), v.value),
        el('span', { class: 'count' }, `${v.count}`, el('span', { class: 'sr-only' }, ' decisions'),
          share ? ` · ${share}` : '', share ? el('span', { class: 'sr-only' }, ' overturned') : ''))));
    });
    const section = el('div', { class: 'facet' }, el('h3', {}, NAMES[field] || field), list);
    if (open.length > SHOWN) {
      section.append(el('button', { type: 'button', class: 'linkish', onclick: (e) => {
        list.querySelectorAll('li[hidden]').forEach((li) => { li.hidden = false; });
        e.target.remove();
      } }, `All ${open.length} values`));
    }
    container.append(section);
  }
}
