#include "query_registry.h"

#include "any_words.h"
#include "docid_set.h"

namespace imr::detail {

const Xapian::Registry& query_registry() {
    static const Xapian::Registry registry = [] {
        Xapian::Registry r;
        r.register_posting_source(DocidSet());
        r.register_posting_source(AnyWords());
        return r;
    }();
    return registry;
}

}  // namespace imr::detail
