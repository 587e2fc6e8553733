#include "docid_span.h"

#include <algorithm>

#include "imr/big_endian.h"

namespace imr::detail {

std::string DocidSpan::serialise() const {
    std::string out(1, static_cast<char>('1' + half_));
    append_u32(out, after_);
    return out;
}

DocidSpan* DocidSpan::unserialise(const std::string& s) const {
    if (s.size() != 5) throw Xapian::SerialisationError("imr.DocidSpan: bad serialisation");
    return new DocidSpan(s[0] - '1', read_u32(s, 1));
}

void DocidSpan::init(const Xapian::Database& db) {
    const Xapian::docid last = db.get_lastdocid(), middle = last / 2;
    first_ = half_ == kAfter ? after_ + 1 : half_ == 0 ? 1 : middle + 1;
    last_ = half_ == 0 ? middle : last;
    current_ = 0;
    set_maxweight(0);
}

void DocidSpan::skip_to(Xapian::docid did, double) { current_ = std::max({current_, did, first_}); }

}  // namespace imr::detail
