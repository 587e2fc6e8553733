// Internal: the first or second half of a database's docids (of each shard's, in a sharded
// one), or those after a docid, as a Xapian PostingSource: a filter that lets the matcher skip
// straight to its span and stop at its end, so that each half of a search reads half of every
// posting list (halves by a hash term still read all of them: ranked_page.h). Serialised, so
// that a query holding one can cross to another thread as a copy (query_registry.h).
#pragma once

#include <string>

#include <xapian.h>

namespace imr::detail {

class DocidSpan : public Xapian::PostingSource {
public:
    static DocidSpan* half(int half) { return new DocidSpan(half, 0); }
    static DocidSpan* after(Xapian::docid did) { return new DocidSpan(kAfter, did); }
    DocidSpan() = default;  // for the registry
    DocidSpan* clone() const override { return new DocidSpan(half_, after_); }
    std::string name() const override { return "imr.DocidSpan"; }
    std::string serialise() const override;
    DocidSpan* unserialise(const std::string& s) const override;
    void init(const Xapian::Database& db) override;
    Xapian::doccount get_termfreq_min() const override { return 0; }
    Xapian::doccount get_termfreq_est() const override { return size(); }
    Xapian::doccount get_termfreq_max() const override { return size(); }
    void next(double) override { current_ = current_ == 0 ? first_ : current_ + 1; }
    void skip_to(Xapian::docid did, double) override;
    bool at_end() const override { return current_ > last_; }
    Xapian::docid get_docid() const override { return current_; }

private:
    static constexpr int kAfter = -1;
    DocidSpan(int half, Xapian::docid after) : half_(half), after_(after) {}
    Xapian::doccount size() const { return last_ >= first_ ? last_ - first_ + 1 : 0; }
    int half_ = 0;  // 0 or 1; kAfter: the docids after `after_`
    Xapian::docid after_ = 0;
    Xapian::docid first_ = 1, last_ = 0, current_ = 0;
};

}  // namespace imr::detail
