#include "docid_set.h"

#include <algorithm>

namespace imr::detail {

DocidSet::DocidSet(std::vector<Xapian::docid> docids) : docids_(std::move(docids)) {
    std::sort(docids_.begin(), docids_.end());
    docids_.erase(std::unique(docids_.begin(), docids_.end()), docids_.end());
}

std::string DocidSet::serialise() const {
    std::string out;
    for (Xapian::docid d : docids_) out += Xapian::sortable_serialise(static_cast<double>(d)) + '\0';
    return out;
}

DocidSet* DocidSet::unserialise(const std::string& s) const {
    std::vector<Xapian::docid> docids;
    for (size_t start = 0, end; (end = s.find('\0', start)) != std::string::npos; start = end + 1) {
        docids.push_back(static_cast<Xapian::docid>(Xapian::sortable_unserialise(s.substr(start, end - start))));
    }
    return new DocidSet(std::move(docids));
}

void DocidSet::init(const Xapian::Database&) {
    at_ = 0;
    started_ = false;
    set_maxweight(0);
}

void DocidSet::next(double) {
    if (started_) ++at_;
    started_ = true;
}

void DocidSet::skip_to(Xapian::docid did, double) {
    if (!started_) started_ = true;
    at_ = static_cast<size_t>(std::lower_bound(docids_.begin() + static_cast<std::ptrdiff_t>(at_), docids_.end(), did) - docids_.begin());
}

const Xapian::Registry& query_registry() {
    static const Xapian::Registry registry = [] {
        Xapian::Registry r;
        r.register_posting_source(DocidSet());
        return r;
    }();
    return registry;
}

}  // namespace imr::detail
