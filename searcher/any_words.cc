#include "any_words.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <optional>

#include "imr/big_endian.h"
#include "ranked_page.h"
#include "telling_words.h"

namespace imr::detail {

namespace {

constexpr Xapian::docid kPast = std::numeric_limits<Xapian::docid>::max();

// BM25's idf part of a term `termfreq` of `decisions` decisions hold, as Xapian 1.4's
// BM25Weight::init works it out (no relevance set; a query term's wqf of 1, which k3 leaves
// as it is).
double term_weight(double decisions, double termfreq) {
    double odds = (decisions - termfreq + 0.5) / (termfreq + 0.5);
    if (odds < 2) odds = odds * 0.5 + 1;  // as Xapian: a term most decisions hold still weighs
    return std::log(odds) * (Bm25::k1 + 1);
}

// BM25's share of `term_weight` for `wdf` occurrences in a decision of `length` terms.
double weight_in(double term_weight, double wdf, double length, double length_factor) {
    const double normalised = std::max(length * length_factor, Bm25::min_normlen);
    return term_weight * (wdf / (Bm25::k1 * (normalised * Bm25::b + (1 - Bm25::b)) + wdf));
}

void append_double(std::string& out, double d) {
    char bytes[sizeof d];
    std::memcpy(bytes, &d, sizeof d);
    out.append(bytes, sizeof d);
}

double read_double(const std::string& s, size_t at) {
    double d = 0;
    std::memcpy(&d, s.data() + at, sizeof d);
    return d;
}

// Whether `part` is the weightless values telling_words reaches, whose terms are `reach`.
// (A weightless wildcard, "0 * WILDCARD", lists no terms: it is not.)
bool reaching(const Xapian::Query& part, const std::vector<std::string>& reach) {
    if (part.get_type() != Xapian::Query::OP_SCALE_WEIGHT || part.get_num_subqueries() != 1) return false;
    std::vector<Xapian::Query> leaves;
    or_parts(part.get_subquery(0), leaves);
    return std::all_of(leaves.begin(), leaves.end(), [&](const Xapian::Query& leaf) {
        return leaf.get_type() == Xapian::Query::LEAF_TERM &&
               std::find(reach.begin(), reach.end(), *leaf.get_terms_begin()) != reach.end();
    });
}

// The factor of `part`, a term scaled as one of `scaled` is (Xapian's Query does not tell its
// factor); none if `part` is not, or if that term is listed at two factors.
std::optional<double> scale_of(const Xapian::Query& part, const std::vector<ListedTerm>& scaled) {
    if (part.get_type() != Xapian::Query::OP_SCALE_WEIGHT || part.get_num_subqueries() != 1 ||
        part.get_subquery(0).get_type() != Xapian::Query::LEAF_TERM)
        return std::nullopt;
    const std::string term = *part.get_terms_begin();
    std::optional<double> factor;
    for (const auto& s : scaled) {
        if (s.term != term) continue;
        if (factor && *factor != s.factor) return std::nullopt;
        factor = s.factor;
    }
    return factor;
}

// `part` as a group of the list: a phrase of terms, an AND of them or a synonym of two; none if
// it is none of these. (A phrase's window and positions are Xapian's to check when the page is
// weighed again; a synonym of more terms Xapian estimates through a tree of ORs.)
std::optional<ListedPhrase> phrase_of(const Xapian::Query& part) {
    using Kind = ListedPhrase::Kind;
    const auto op = part.get_type();
    const size_t n = part.get_num_subqueries();
    ListedPhrase phrase;
    if (op == Xapian::Query::OP_PHRASE && n >= 2) phrase.kind = Kind::phrase;
    else if (op == Xapian::Query::OP_AND && n >= 2) phrase.kind = Kind::all;
    else if (op == Xapian::Query::OP_SYNONYM && n == 2) phrase.kind = Kind::synonym;
    else return std::nullopt;
    for (size_t i = 0; i < part.get_num_subqueries(); ++i) {
        const Xapian::Query sub = part.get_subquery(i);
        if (sub.get_type() != Xapian::Query::LEAF_TERM) return std::nullopt;
        phrase.terms.push_back(*sub.get_terms_begin());
    }
    return phrase;
}

}  // namespace

AnyWords::AnyWords(std::vector<ListedTerm> terms, std::vector<ListedPhrase> phrases, std::shared_ptr<SampleWalk> walk)
    : terms_(std::move(terms)), phrases_(std::move(phrases)), walk_(std::move(walk)) {}

bool AnyWords::exact() const {
    return std::none_of(phrases_.begin(), phrases_.end(), [](const ListedPhrase& p) { return p.kind == ListedPhrase::Kind::phrase; });
}

AnyWords* AnyWords::walking(std::shared_ptr<SampleWalk> walk) const {
    return exact() ? new AnyWords(terms_, phrases_, std::move(walk)) : nullptr;
}

std::string AnyWords::serialise() const {
    std::string out;
    auto append_string = [&](const std::string& s) {
        append_u32(out, static_cast<std::uint32_t>(s.size()));
        out += s;
    };
    append_u32(out, static_cast<std::uint32_t>(terms_.size()));
    for (const auto& t : terms_) {
        append_string(t.term);
        append_double(out, t.factor);
        out += t.matches ? '1' : '0';
    }
    append_u32(out, static_cast<std::uint32_t>(phrases_.size()));
    for (const auto& p : phrases_) {
        append_u32(out, static_cast<std::uint32_t>(p.terms.size()));
        for (const auto& t : p.terms) append_string(t);
        out += static_cast<char>('0' + static_cast<int>(p.kind));
    }
    return out;
}

AnyWords* AnyWords::unserialise(const std::string& s) const {
    size_t at = 0;
    auto count = [&] {
        const size_t n = read_u32(s, at);
        at += 4;
        return n;
    };
    auto string = [&] {
        const size_t length = count();
        std::string out = s.substr(at, length);
        at += length;
        return out;
    };
    std::vector<ListedTerm> terms(count());
    for (auto& t : terms) {
        t.term = string();
        t.factor = read_double(s, at);
        at += sizeof(double);
        t.matches = s[at++] == '1';
    }
    std::vector<ListedPhrase> phrases(count());
    for (auto& p : phrases) {
        p.terms.resize(count());
        for (auto& t : p.terms) t = string();
        p.kind = static_cast<ListedPhrase::Kind>(s[at++] - '0');
    }
    auto* copy = new AnyWords(std::move(terms), std::move(phrases));
    // A registry's prototype walking a sample (walking_registry) makes copies that walk it.
    if (copy->exact()) copy->walk_ = walk_;
    return copy;
}

void AnyWords::init(const Xapian::Database& db) {
    units_.clear();
    order_.clear();
    current_ = 0;
    started_ = false;
    const double decisions = db.get_doccount();
    length_factor_ = db.get_avlength() > 0 ? 1 / db.get_avlength() : 0;
    const double shortest = db.get_doclength_lower_bound();
    // The bound Xapian's BM25Weight::get_maxpart takes: the most occurrences, in the shortest
    // decision that can hold them.
    double bound = 0;
    auto add_bound = [&](double weight, double wdf_max) {
        const double most = weight_in(weight, wdf_max, std::max(wdf_max, shortest), length_factor_);
        order_.back().bound += most;
        bound += most;
    };
    auto add_posting = [&](Unit& u, const std::string& term, double factor) {
        Posting p{db.postlist_begin(term), db.postlist_end(term), term_weight(decisions, db.get_termfreq(term)) * factor};
        add_bound(p.term_weight, db.get_wdf_upper_bound(term));
        u.postings.push_back(std::move(p));
    };
    auto add_unit = [&](bool matches) {
        order_.push_back({0, static_cast<std::uint32_t>(units_.size()), 0, matches});
        return &units_.emplace_back();
    };
    // Xapian's estimates for an OR: its parts hold decisions independently; a phrase as half
    // the rarest of its terms.
    double none_hold = 1, most = 0, sum = 0;
    auto estimate = [&](double termfreq) {
        none_hold *= 1 - termfreq / decisions;
        sum += termfreq;
    };
    // A synonym weighs as one term holding both's occurrences in as many decisions as Xapian
    // estimates for their OR (rounded, as its TermFreqs are); its bound as a term's, the most
    // occurrences being both's most.
    auto add_synonym = [&](const std::vector<std::string>& terms) {
        double termfreq = 0, wdf_max = 0, larger = 0;
        Unit* u = nullptr;
        for (const auto& term : terms) {
            const double held = db.get_termfreq(term);
            if (held == 0) continue;
            if (!u) u = add_unit(true);
            termfreq = std::floor(termfreq + held - termfreq * held / decisions + 0.5);
            larger = std::max(larger, held);
            wdf_max += db.get_wdf_upper_bound(term);
            u->postings.push_back({db.postlist_begin(term), db.postlist_end(term), 0});
        }
        if (!u) return;
        u->synonym = true;
        u->synonym_weight = term_weight(decisions, termfreq);
        add_bound(u->synonym_weight, wdf_max);
        most = std::max(most, larger);
        estimate(termfreq);
    };
    for (const auto& t : terms_) {
        const double termfreq = db.get_termfreq(t.term);
        if (termfreq == 0) continue;
        add_posting(*add_unit(t.matches), t.term, t.factor);
        if (t.matches) {
            most = std::max(most, termfreq);
            estimate(termfreq);
        }
    }
    for (const auto& p : phrases_) {
        if (p.kind == ListedPhrase::Kind::synonym) {
            add_synonym(p.terms);
            continue;
        }
        double rarest = decisions, all = decisions;  // an AND as its terms held independently
        for (const auto& term : p.terms) {
            const double termfreq = db.get_termfreq(term);
            rarest = std::min(rarest, termfreq);
            all *= termfreq / decisions;
        }
        if (rarest == 0) continue;
        Unit* u = add_unit(true);
        for (const auto& term : p.terms) add_posting(*u, term, 1);
        estimate(p.kind == ListedPhrase::Kind::all ? all : rarest / 2);
    }
    termfreq_min_ = static_cast<Xapian::doccount>(most);
    termfreq_est_ = static_cast<Xapian::doccount>(std::lround(decisions * (1 - none_hold)));
    termfreq_max_ = static_cast<Xapian::doccount>(std::min(decisions, sum));
    set_maxweight(bound);
    if (walk_) {
        walk_->matched.clear();
        walk_->decided = 0;
        if (walk_->level > 0) {
            const std::string sample = sample_term(walk_->level);
            sample_ = db.postlist_begin(sample);
            sample_end_ = db.postlist_end(sample);
        }
    }
}

// A phrase's terms leapfrog to the first decision from `did` holding them all; a synonym's
// each moves to its first from `did`.
void AnyWords::move_to(Standing& s, Xapian::docid did) {
    if (s.docid >= did) return;
    std::vector<Posting>& postings = units_[s.unit].postings;
    if (units_[s.unit].synonym) {
        s.docid = kPast;
        for (Posting& p : postings) {
            if (p.at != p.end && *p.at < did) p.at.skip_to(did);
            if (p.at != p.end) s.docid = std::min(s.docid, *p.at);
        }
        return;
    }
    for (size_t i = 0; i < postings.size();) {
        Posting& p = postings[i];
        p.at.skip_to(did);
        if (p.at == p.end) {
            s.docid = kPast;
            return;
        }
        if (*p.at > did) {
            did = *p.at;
            i = i == 0 ? 1 : 0;
        } else {
            ++i;
        }
    }
    s.docid = did;
}

// By the decision each unit stands at, those past dropped. Only the units moved are out of
// place: an insertion sort.
void AnyWords::put_in_order() {
    for (size_t i = 1; i < order_.size(); ++i) {
        const Standing moved = order_[i];
        size_t j = i;
        for (; j > 0 && order_[j - 1].docid > moved.docid; --j) order_[j] = order_[j - 1];
        order_[j] = moved;
    }
    while (!order_.empty() && order_.back().docid == kPast) order_.pop_back();
}

// Whether a matching unit stands at `did`.
bool AnyWords::matches_at(Xapian::docid did) const {
    return std::any_of(order_.begin(), order_.end(), [did](const Standing& s) { return s.matches && s.docid == did; });
}

// The first decision a matching unit stands at; kPast if none.
Xapian::docid AnyWords::first_match() const {
    Xapian::docid first = kPast;
    for (const Standing& s : order_)
        if (s.matches) first = std::min(first, s.docid);
    return first;
}

// The matching units standing before `did` moved to it; whether any was.
bool AnyWords::move_matching_to(Xapian::docid did) {
    bool moved = false;
    for (Standing& s : order_) {
        if (s.matches && s.docid < did) {
            move_to(s, did);
            moved = true;
        }
    }
    return moved;
}

// The walk's next sample decision from where the matching units stand; kPast if none.
Xapian::docid AnyWords::next_sample() {
    const Xapian::docid at = first_match();
    if (walk_->level == 0) return at;  // every decision is in the sample
    // The sample and the units leapfrog: a sample of half the decisions is not read whole for
    // a word a few thousand hold.
    if (sample_ != sample_end_ && *sample_ < at) sample_.skip_to(at);
    return sample_ == sample_end_ ? kPast : *sample_;
}

// With a walk, every sample decision before `did` decided: the matching units stop at each on
// their way, which reads the same postings (a skip within a block reads every posting before
// it). Boosts match nothing: they stay behind. The units are put in order once, at the end.
void AnyWords::walk_to(Xapian::docid did) {
    if (!walk_ || walk_->decided + 1 >= did) return;
    const bool every_decision = walk_->level == 0;
    // Most steps of the match pass no sample decision (the sample's next is further on).
    const bool none_before = !every_decision && (sample_ == sample_end_ || *sample_ >= did);
    bool moved = false;
    for (Xapian::docid at = none_before ? kPast : next_sample(); at < did; at = next_sample()) {
        moved = move_matching_to(at) || moved;
        if (matches_at(at)) walk_->matched.push_back(at);
        if (every_decision) moved = move_matching_to(at + 1) || moved;
        else ++sample_;
    }
    if (moved) put_in_order();
    walk_->decided = did - 1;
}

// To the first decision from `from` that a matching unit holds and whose units' bounds reach
// `min_weight`: the units in the order of the decisions they stand at, the first whose bound
// with those before it reaches the weight is the pivot; the units before it move to its
// decision, none of those between weighing enough.
void AnyWords::advance(Xapian::docid from, double min_weight) {
    started_ = true;
    for (;;) {
        walk_to(from);
        for (size_t k = 0; k < order_.size() && order_[k].docid < from; ++k) move_to(order_[k], from);
        put_in_order();
        double reach = 0;
        size_t pivot = 0;
        while (pivot < order_.size() && (reach += order_[pivot].bound) < min_weight) ++pivot;
        if (pivot == order_.size()) {
            walk_to(kPast);  // nothing left weighs enough for the page; the sample still counts
            order_.clear();
            current_ = 0;
            return;
        }
        const Xapian::docid candidate = order_[pivot].docid;
        if (order_.front().docid == candidate) {
            for (size_t k = 0; k < order_.size() && order_[k].docid == candidate; ++k) {
                if (order_[k].matches) {
                    current_ = candidate;
                    return;
                }
            }
            from = candidate + 1;  // a boost alone matches nothing
        } else {
            from = candidate;
        }
    }
}

void AnyWords::next(double min_weight) { advance(started_ ? current_ + 1 : 1, min_weight); }

// The matcher skips a source only past decisions the rest of the query does not match (a
// filter, the other half of the docids): there the walk has nothing to find, once it has
// decided the one it stands at.
void AnyWords::skip_to(Xapian::docid did, double min_weight) {
    if (started_ && did <= current_) return;
    if (walk_) {
        if (started_) walk_to(current_ + 1);
        walk_->decided = std::max(walk_->decided, did - 1);
    }
    advance(did, min_weight);
}

// What `u`, standing at the current decision, weighs there in a decision of `length` terms: a
// synonym as one term (its occurrences at most the length, as Xapian clamps them).
double AnyWords::weight_of(const Unit& u, double length) const {
    if (!u.synonym) {
        double weight = 0;
        for (const auto& p : u.postings) weight += weight_in(p.term_weight, p.at.get_wdf(), length, length_factor_);
        return weight;
    }
    double wdf = 0;
    for (const auto& p : u.postings)
        if (p.at != p.end && *p.at == current_) wdf += p.at.get_wdf();
    return weight_in(u.synonym_weight, std::min(wdf, length), length, length_factor_);
}

// The units standing at the current decision come first in order.
double AnyWords::get_weight() const {
    if (order_.empty()) return 0;
    double length = 0;
    for (const auto& p : units_[order_.front().unit].postings) {
        if (p.at != p.end && *p.at == current_) {
            length = p.at.get_doclength();
            break;
        }
    }
    double weight = 0;
    for (size_t k = 0; k < order_.size() && order_[k].docid == current_; ++k) weight += weight_of(units_[order_[k].unit], length);
    return weight;
}

FastQuery any_words(const Xapian::Query& words, const std::vector<std::string>& reach,
                    const std::vector<ListedTerm>& scaled, const std::vector<ListedTerm>& boosts) {
    const auto op = words.get_type();
    if ((op == Xapian::Query::OP_FILTER || op == Xapian::Query::OP_AND_NOT) && words.get_num_subqueries() > 0) {
        // Filters and exclusions weigh nothing: they stay around the list (telling_words.h).
        std::vector<Xapian::Query> subs;
        for (size_t i = 0; i < words.get_num_subqueries(); ++i) subs.push_back(words.get_subquery(i));
        FastQuery fast = any_words(subs[0], reach, scaled, boosts);
        if (fast.query.empty()) return fast;
        subs[0] = fast.query;
        Around around = [op, subs, inner = fast.around](const Xapian::Query& words) {
            std::vector<Xapian::Query> parts = subs;
            parts[0] = inner(words);
            return Xapian::Query(op, parts.begin(), parts.end());
        };
        return {Xapian::Query(op, subs.begin(), subs.end()), fast.bounds, fast.words, std::move(around)};
    }
    std::vector<Xapian::Query> parts;
    or_parts(words, parts);
    // A term listed twice weighs twice, as two leaves of an OR do; boosts add to it.
    std::map<std::string, ListedTerm> listed;
    std::vector<std::string> order;
    auto add = [&](const ListedTerm& t) {
        auto [it, added] = listed.try_emplace(t.term, ListedTerm{t.term, 0, false});
        if (added) order.push_back(t.term);
        it->second.factor += t.factor;
        it->second.matches = it->second.matches || t.matches;
    };
    std::vector<ListedPhrase> phrases;
    for (const auto& part : parts) {
        if (part.get_type() == Xapian::Query::LEAF_TERM) add({*part.get_terms_begin(), 1, true});
        else if (const auto factor = scale_of(part, scaled)) add({*part.get_terms_begin(), *factor, true});
        else if (auto phrase = phrase_of(part)) phrases.push_back(std::move(*phrase));
        else if (!reaching(part, reach)) return {};
    }
    // Phrases without a word beside them Xapian checks only where their weight could enter
    // the page (beside boosts too: ranked_page.h), and matched as their terms anywhere, their
    // bounds could hold far more decisions than they match.
    auto is_phrase = [](const ListedPhrase& p) { return p.kind == ListedPhrase::Kind::phrase; };
    const bool bounds = std::any_of(phrases.begin(), phrases.end(), is_phrase);
    if (bounds && order.empty()) return {};
    for (const auto& term : reach) add({term, 0, true});
    for (const auto& b : boosts) add(b);
    std::vector<ListedTerm> terms;
    for (const auto& term : order) terms.push_back(listed[term]);
    auto source = std::make_shared<AnyWords>(std::move(terms), std::move(phrases));
    return {Xapian::Query(source->clone()->release()), bounds, source, [](const Xapian::Query& q) { return q; }};
}

}  // namespace imr::detail
