#include "docid_set.h"

#include <algorithm>

#include "imr/big_endian.h"

namespace imr::detail {

DocidSet::DocidSet(std::vector<Xapian::docid> docids) : docids_(std::move(docids)) {
    std::sort(docids_.begin(), docids_.end());
    docids_.erase(std::unique(docids_.begin(), docids_.end()), docids_.end());
}

// Four bytes a docid (a NUL after each, the form first used, stood inside sortable_serialise's
// bytes of 2049).
std::string DocidSet::serialise() const {
    std::string out;
    out.reserve(docids_.size() * 4);
    for (Xapian::docid d : docids_) append_u32(out, d);
    return out;
}

DocidSet* DocidSet::unserialise(const std::string& s) const {
    std::vector<Xapian::docid> docids;
    docids.reserve(s.size() / 4);
    for (size_t i = 0; i + 4 <= s.size(); i += 4) docids.push_back(read_u32(s, i));
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

}  // namespace imr::detail
