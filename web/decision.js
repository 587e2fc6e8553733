// The decision page: the whole decision (item, outcome, both guideline citations, rationale,
// the letter's case summary), the letter's other decisions, similar decisions, the citation to
// copy, and the source PDF at the cited page when the letter came from a PDF.
import { el, badge } from './dom.js';
import * as api from './api.js';

export async function renderDecision(container, id, actions) {
  container.replaceChildren(el('p', {}, 'Loading…'));
  const [found, similar] = await Promise.all([api.decision(id), api.similar(id).catch(() => ({ hits: [] }))]);
  const d = found.decisions[0];
  const letter = await api.letter(d.case || d.id.split('#')[0]).catch(() => ({ decisions: [d] }));
  const summary = (letter.decisions.find((x) => x.summary) || {}).summary;
  const copy = el('button', { type: 'button', class: 'primary', id: 'copy-citation', onclick: async () => {
    await navigator.clipboard.writeText(d.citation);
    copy.textContent = 'Citation copied';
  } }, 'Copy citation');
  const pdf = api.pdfUrl(d);
  container.replaceChildren(
    el('p', {}, el('a', { href: '#', id: 'back', onclick: (e) => { e.preventDefault(); history.back(); } }, '← Back to results')),
    el('h2', { id: 'decision-title' }, d.title, ' ', badge(d.outcome)),
    el('section', {}, el('p', { class: 'citation', id: 'citation' }, d.citation), copy,
      pdf ? el('p', {}, el('a', { href: pdf, id: 'pdf', target: '_blank', rel: 'noopener' }, `Open the letter's PDF at page ${d.pdf_pages.heading}`)) : null),
    el('section', {}, el('h3', {}, 'Facts'),
      el('p', { class: 'meta' }, [d.treatment, d.class, d.regions.join(', '), d.specialties.join(', '),
        d.decision_date ? `decided ${d.decision_date}` : ''].filter(Boolean).join(' · '))),
    el('section', {}, el('h3', {}, 'Claims Administrator guideline'), el('p', {}, d.claims_guideline)),
    el('section', {}, el('h3', {}, 'Reviewer guideline'), el('p', {}, d.reviewer_guideline)),
    el('section', { id: 'rationale' }, el('h3', {}, 'Decision rationale'), el('p', {}, d.rationale)),
    summary ? el('section', { id: 'summary' }, el('h3', {}, 'Case summary'), el('p', {}, summary)) : null,
    el('section', { id: 'letter-items' }, el('h3', {}, "The letter's decisions"),
      el('ul', {}, letter.decisions.map((x) => el('li', {},
        x.id === d.id ? el('strong', {}, `Item ${x.item}: ${x.title}`) :
          el('a', { href: `?decision=${encodeURIComponent(x.id)}`, onclick: (e) => { e.preventDefault(); actions.open(x.id); } }, `Item ${x.item}: ${x.title}`),
        ' ', badge(x.outcome))))),
    el('section', { id: 'similar' }, el('h3', {}, 'Similar decisions'),
      similar.hits.length ? el('ul', {}, similar.hits.map((h) => el('li', {},
        el('a', { href: `?decision=${encodeURIComponent(h.id)}`, onclick: (e) => { e.preventDefault(); actions.open(h.id); } }, h.title), ' ', badge(h.outcome))))
        : el('p', {}, 'None found.')),
  );
  document.title = `${d.title}: imrsearch`;
}
