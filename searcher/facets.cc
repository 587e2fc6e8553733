#include "facets.h"

#include <algorithm>
#include <map>

#include "imr/schema.h"

namespace imr::detail {

FacetCounter::FacetCounter(Xapian::Enquire& enquire) {
    for (const schema::Field* f : schema::facets()) {
        FieldSpies fs{std::string(f->name), {}};
        for (unsigned i = 0; i < f->slot_count; ++i) {
            fs.spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(f->slot + i));
            enquire.add_matchspy(fs.spies.back().get());
        }
        fields_.push_back(std::move(fs));
    }
}

size_t FacetCounter::examined() const {
    return fields_.empty() || fields_[0].spies.empty() ? 0 : fields_[0].spies[0]->get_total();
}

std::vector<Facet> FacetCounter::counts(double scale) const {
    std::vector<Facet> out;
    for (const auto& fs : fields_) {
        std::map<std::string, size_t> merged;
        for (const auto& spy : fs.spies) {
            for (auto it = spy->values_begin(); it != spy->values_end(); ++it) {
                merged[*it] += it.get_termfreq();
            }
        }
        Facet facet{fs.field, {}};
        for (const auto& [value, count] : merged) {
            facet.values.push_back({value, static_cast<size_t>(static_cast<double>(count) * scale + 0.5)});
        }
        std::stable_sort(facet.values.begin(), facet.values.end(),
                         [](const FacetValue& a, const FacetValue& b) { return a.count > b.count; });
        out.push_back(std::move(facet));
    }
    return out;
}

void FacetCounter::add_overturned(std::vector<Facet>& facets, const std::vector<Facet>& overturned) {
    for (auto& facet : facets) {
        auto same = std::find_if(overturned.begin(), overturned.end(),
                                 [&](const Facet& f) { return f.field == facet.field; });
        if (same == overturned.end()) continue;
        std::map<std::string, size_t> by_value;
        for (const auto& v : same->values) by_value[v.value] = v.count;
        for (auto& v : facet.values) v.overturned = by_value[v.value];
    }
}

}  // namespace imr::detail
