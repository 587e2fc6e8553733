// The page's state lives in its URL, so that every state is a permalink and back and forward
// work: ?q=...&filter=region:lumbar&sort=newest&offset=20, or ?decision=ID for a decision.
export function read(location = window.location) {
  const p = new URLSearchParams(location.search);
  return {
    q: p.get('q') || '',
    filters: p.getAll('filter').map((f) => {
      const colon = f.indexOf(':');
      return { field: f.slice(0, colon), value: f.slice(colon + 1) };
    }).filter((f) => f.field && f.value),
    sort: ['newest', 'oldest'].includes(p.get('sort')) ? p.get('sort') : 'relevance',
    offset: Math.max(0, parseInt(p.get('offset') || '0', 10) || 0),
    decision: p.get('decision') || '',
  };
}

export function url(state) {
  const p = new URLSearchParams();
  if (state.decision) {
    p.set('decision', state.decision);
  }
  if (state.q) p.set('q', state.q);
  for (const f of state.filters) p.append('filter', `${f.field}:${f.value}`);
  if (state.sort !== 'relevance') p.set('sort', state.sort);
  if (state.offset) p.set('offset', String(state.offset));
  const s = p.toString();
  return s ? `?${s}` : './';
}
