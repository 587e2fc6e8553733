// The service's answers as the page reads them. A problem+json answer becomes an Error whose
// message is the service's detail, so that the page can say it in words.
export class ServiceError extends Error {
  constructor(problem) {
    super(problem.detail || problem.title || 'the service could not answer');
    this.status = problem.status;
    this.kind = problem.kind;
  }
}

async function get(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  const body = await response.json().catch(() => ({ detail: `the service answered ${response.status}` }));
  if (!response.ok) throw new ServiceError({ status: response.status, ...body });
  return body;
}

// URLSearchParams of a search: the query, its filters (field:value), sort, page.
export function searchParams(state, extra = {}) {
  const p = new URLSearchParams();
  p.set('q', state.q);
  for (const f of state.filters) p.append('filter', `${f.field}:${f.value}`);
  if (state.sort !== 'relevance') p.set('sort', state.sort);
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  return p;
}

export const search = (state, pageSize) =>
  get(`/v1/search?${searchParams(state, { offset: state.offset, limit: pageSize })}`);
export const decision = (id) => get(`/v1/decisions/${encodeURIComponent(id)}`);
export const letter = (key) => get(`/v1/letters/${encodeURIComponent(key)}`);
export const similar = (id) => get(`/v1/decisions/${encodeURIComponent(id)}/similar?limit=5`);
export const exportUrl = (state) => `/v1/export?${searchParams(state, { format: 'csv', sort: state.sort === 'relevance' ? 'relevance' : state.sort })}`;
export const pdfUrl = (record) =>
  record.case && record.pdf_pages ? `/v1/letters/${encodeURIComponent(record.case)}/pdf#page=${record.pdf_pages.heading}` : null;
