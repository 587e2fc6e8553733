#include "query_registry.h"

#include "any_words.h"
#include "docid_set.h"
#include "docid_span.h"

namespace imr::detail {

namespace {

// The searcher's posting sources, `words` the prototype of the lists of words.
Xapian::Registry registry_with(const AnyWords& words) {
    Xapian::Registry r;
    r.register_posting_source(DocidSet());
    r.register_posting_source(DocidSpan());
    r.register_posting_source(words);
    return r;
}

}  // namespace

const Xapian::Registry& query_registry() {
    static const Xapian::Registry registry = registry_with(AnyWords());
    return registry;
}

Xapian::Registry walking_registry(std::shared_ptr<SampleWalk> walk) { return registry_with(AnyWords({}, {}, std::move(walk))); }

}  // namespace imr::detail
