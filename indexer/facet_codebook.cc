#include "facet_codebook.h"

#include <algorithm>
#include <random>

#include "imr/facet_codes.h"
#include "imr/schema.h"

namespace imr::detail {

namespace sc = imr::schema;

FacetCodebook::FacetCodebook(Xapian::WritableDatabase& db) : db_(db) {
    if (const auto book = sc::book_of_name(db_.get_metadata(sc::kFacetBookKey))) {
        book_ = *book;
    } else {
        book_ = static_cast<std::uint32_t>(std::random_device{}());
        db_.set_metadata(sc::kFacetBookKey, sc::book_name(book_));
    }
    const std::string prefix = sc::facet_code_prefix(book_);
    for (auto it = db_.metadata_keys_begin(prefix); it != db_.metadata_keys_end(prefix); ++it) {
        if (const auto key = sc::code_of_key(*it)) {
            codes_.emplace(db_.get_metadata(*it), key->second);
            next_code_ = std::max(next_code_, key->second + 1);
        }
    }
}

std::uint32_t FacetCodebook::code_of(size_t field, std::string_view value) {
    std::string entry = sc::facet_code_entry(field, value);
    if (auto it = codes_.find(entry); it != codes_.end()) return it->second;
    const std::uint32_t code = next_code_++;
    db_.set_metadata(sc::facet_code_key(book_, code), entry);
    codes_.emplace(std::move(entry), code);
    return code;
}

void FacetCodebook::code(Xapian::Document& doc) {
    const std::string packed = doc.get_value(sc::slot::facets);
    sc::packed_values(packed, values_);
    coded_.clear();
    for (const auto& [field, value] : values_) coded_.push_back(code_of(field, value));
    const std::string coded = sc::encode_facet_codes(book_, coded_);
    doc.add_value(sc::slot::facet_codes(0), coded);
    const std::string sample = sc::term("sample", "");
    Xapian::TermIterator t = doc.termlist_begin();
    for (t.skip_to(sample); t != doc.termlist_end() && (*t).starts_with(sample); ++t) {
        doc.add_value(sc::slot::facet_codes(static_cast<unsigned>(std::stoul((*t).substr(sample.size())))), coded);
    }
}

}  // namespace imr::detail
