// The schema's own encodings: packed facet values and sample levels.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>

#include "imr/schema.h"

using namespace imr;
namespace sc = imr::schema;

TEST_CASE("a decision's facet values pack into one value and unpack field by field", "[schema]") {
    std::map<std::string_view, std::vector<std::string>> values = {
        {"outcome", {"upheld"}},
        {"specialty", {"Physical Medicine & Rehabilitation", "Pain Medicine"}},
        {"region", {"lumbar spine", "knee"}},
        // A separator inside a value is dropped, not taken for a boundary.
        {"section", {"Opioids\x1e\x1f, criteria"}},
    };
    std::string packed = sc::pack_facets([&](const sc::Field& f) {
        auto it = values.find(f.name);
        return it == values.end() ? std::vector<std::string>() : it->second;
    });
    std::vector<std::vector<std::string>> back = sc::unpack_facets(packed);
    const auto fields = sc::facets();
    REQUIRE(back.size() == fields.size());
    for (size_t i = 0; i < fields.size(); ++i) {
        INFO(fields[i]->name);
        auto it = values.find(fields[i]->name);
        if (fields[i]->name == "section") {
            CHECK(back[i] == std::vector<std::string>{"Opioids, criteria"});
        } else if (it == values.end()) {
            CHECK(back[i].empty());
        } else {
            CHECK(back[i] == it->second);
        }
    }
    CHECK(sc::unpack_facets("").size() == fields.size());
}

TEST_CASE("sample level j holds about one decision in 2^j, nested", "[schema]") {
    const int n = 1 << 16;
    std::vector<int> at_least(sc::kSampleLevels + 1, 0);
    for (int i = 0; i < n; ++i) {
        unsigned depth = sc::sample_depth("CM16-" + std::to_string(1000000 + i / 3) + "#" + std::to_string(1 + i % 3));
        for (unsigned j = 0; j <= depth; ++j) ++at_least[j];
    }
    CHECK(at_least[0] == n);
    for (unsigned j = 1; j <= 8; ++j) {
        INFO("level " << j);
        double expected = static_cast<double>(n) / static_cast<double>(1 << j);
        // Within five standard deviations of a fair coin's count.
        CHECK(std::abs(at_least[j] - expected) < 5 * std::sqrt(expected));
    }
}
