// Internal: a set of decisions by docid, as a Xapian PostingSource: the decisions a connector
// was checked to hold in, matched as one sorted list rather than as an OR of thousands of id
// terms (at 100,000 decisions, 2,000 id terms cost 160 ms over a search's passes). Only for one
// database opened in this process: a remote server knows no such source, and a sharded
// database hands each shard docids of its own; there the id terms serve.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

namespace imr::detail {

class DocidSet : public Xapian::PostingSource {
public:
    explicit DocidSet(std::vector<Xapian::docid> docids = {});
    DocidSet* clone() const override { return new DocidSet(docids_); }
    std::string name() const override { return "imr.DocidSet"; }
    std::string serialise() const override;
    DocidSet* unserialise(const std::string& s) const override;
    void init(const Xapian::Database&) override;
    Xapian::doccount get_termfreq_min() const override { return static_cast<Xapian::doccount>(docids_.size()); }
    Xapian::doccount get_termfreq_est() const override { return static_cast<Xapian::doccount>(docids_.size()); }
    Xapian::doccount get_termfreq_max() const override { return static_cast<Xapian::doccount>(docids_.size()); }
    void next(double) override;
    void skip_to(Xapian::docid did, double) override;
    bool at_end() const override { return (started_ || docids_.empty()) && at_ >= docids_.size(); }
    Xapian::docid get_docid() const override { return docids_[at_]; }

private:
    std::vector<Xapian::docid> docids_;  // ascending
    size_t at_ = 0;
    bool started_ = false;
};

}  // namespace imr::detail
