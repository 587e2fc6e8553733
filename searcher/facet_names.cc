#include "facet_names.h"

#include <algorithm>

#include "imr/facet_codes.h"
#include "imr/schema.h"

namespace imr::detail {

namespace sc = imr::schema;

bool is_overturned(size_t field, std::string_view value) {
    static const size_t outcome = sc::facet_index("outcome");
    return field == outcome && value == "overturned";
}

size_t CodeBooks::index_of(std::uint32_t id) const {
    size_t i = 0;
    while (i < books.size() && books[i].id != id) ++i;
    return i;
}

const CodeBooks& FacetNames::refresh(const Xapian::Database& db) {
    // A database made anew where the old one was has another uuid, and can reach the same
    // revision.
    const Xapian::rev revision = db.get_revision();
    std::string uuid = db.get_uuid();
    if (loaded_ && revision == revision_ && uuid == uuid_) return books_;
    books_.books.clear();
    values_.clear();
    for (auto it = db.metadata_keys_begin(sc::kFacetCodePrefix); it != db.metadata_keys_end(sc::kFacetCodePrefix); ++it) {
        const auto key = sc::code_of_key(*it);
        auto value = key ? sc::facet_code_value(db.get_metadata(*it)) : std::nullopt;
        if (!value) continue;
        const auto [id, code] = *key;
        const size_t book = books_.index_of(id);
        if (book == books_.books.size()) {
            books_.books.push_back({id, {}});
            values_.emplace_back();
        }
        if (is_overturned(value->first, value->second)) books_.books[book].overturned.push_back(code);
        if (code >= values_[book].size()) values_[book].resize(code + 1);
        values_[book][code] = std::move(*value);
    }
    loaded_ = true;
    revision_ = revision;
    uuid_ = std::move(uuid);
    return books_;
}

const std::pair<size_t, std::string>* FacetNames::value(size_t book, std::uint32_t code) const {
    if (book >= values_.size() || code >= values_[book].size()) return nullptr;
    const auto& v = values_[book][code];
    return v.second.empty() ? nullptr : &v;  // a gap: packed values are never empty
}

}  // namespace imr::detail
