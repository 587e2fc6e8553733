#include "facets.h"

#include <algorithm>
#include <map>

#include "imr/schema.h"

namespace imr::detail {

namespace sc = imr::schema;

FacetCounter::FacetCounter(Xapian::Enquire& enquire)
    : spy_(std::make_unique<Xapian::ValueCountMatchSpy>(sc::slot::facets)) {
    enquire.add_matchspy(spy_.get());
}

std::vector<Facet> FacetCounter::counts(double scale) const {
    const std::vector<const sc::Field*> fields = sc::facets();
    const auto outcome = std::find_if(fields.begin(), fields.end(), [](const sc::Field* f) { return f->name == "outcome"; });
    const size_t outcome_index = static_cast<size_t>(outcome - fields.begin());
    struct Tally {
        size_t count = 0, overturned = 0;
    };
    std::vector<std::map<std::string, Tally>> tallies(fields.size());
    for (auto it = spy_->values_begin(); it != spy_->values_end(); ++it) {
        const std::vector<std::vector<std::string>> values = sc::unpack_facets(*it);
        const Xapian::doccount n = it.get_termfreq();
        const bool overturned = outcome_index < values.size() &&
                                std::find(values[outcome_index].begin(), values[outcome_index].end(),
                                          "overturned") != values[outcome_index].end();
        for (size_t f = 0; f < values.size(); ++f) {
            for (const auto& v : values[f]) {
                Tally& t = tallies[f][v];
                t.count += n;
                if (overturned) t.overturned += n;
            }
        }
    }
    auto scaled = [scale](size_t n) { return static_cast<size_t>(static_cast<double>(n) * scale + 0.5); };
    std::vector<Facet> out;
    for (size_t f = 0; f < fields.size(); ++f) {
        Facet facet{std::string(fields[f]->name), {}};
        for (const auto& [value, t] : tallies[f]) {
            FacetValue fv;
            fv.value = value;
            fv.count = scaled(t.count);
            fv.overturned = scaled(t.overturned);
            facet.values.push_back(std::move(fv));
        }
        std::stable_sort(facet.values.begin(), facet.values.end(),
                         [](const FacetValue& a, const FacetValue& b) { return a.count > b.count; });
        out.push_back(std::move(facet));
    }
    return out;
}

}  // namespace imr::detail
