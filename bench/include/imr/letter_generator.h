// Realistic IMR letters at any scale, deterministic for a seed, modelled on a folder of real
// ones: both templates, the header block, 1 to 20 items a letter, the corpus's spread of
// treatments and guideline citations, about 89% upheld, and rationales and case summaries
// recombined sentence by sentence from real ones of the same treatment and outcome, so that
// length and vocabulary are the corpus's own.
//
//   imr::bench::LetterModel model = imr::bench::LetterModel::from_folder("data/letters");
//   imr::bench::LetterGenerator gen(model, 42);
//   std::string text = gen.letter(7);   // the same text for (model, 42, 7) every time
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace imr::bench {

struct ItemModel {
    std::string title;
    std::string claims_guideline;
    std::string reviewer_guideline;
};

struct CategoryModel {
    std::vector<ItemModel> items;                           // as written in real letters
    std::map<std::string, std::vector<std::string>> sentences;  // outcome -> rationale sentences
    std::vector<size_t> rationale_lengths;                  // sentences per real rationale
};

class LetterModel {
public:
    // Parses every letter under `folder`; throws imr::Error when none parses.
    static LetterModel from_folder(const std::filesystem::path& folder);

    std::vector<std::string> categories;          // one entry per real decision: the spread
    std::map<std::string, CategoryModel> by_category;
    std::vector<size_t> items_per_letter;         // one entry per real letter
    std::vector<std::string> summary_sentences;
    std::vector<size_t> summary_lengths;
    std::vector<std::vector<std::string>> specialties;  // per real letter
    std::vector<std::vector<std::string>> states;
};

class LetterGenerator {
public:
    LetterGenerator(const LetterModel& model, std::uint64_t seed) : model_(model), seed_(seed) {}

    // Letter number `index`: its text, and how many decisions it holds.
    std::string letter(std::uint64_t index, size_t* decisions = nullptr) const;

    // Its file name: the case number for letters with a header, else a seed-style stem.
    std::string file_name(std::uint64_t index) const;

private:
    const LetterModel& model_;
    std::uint64_t seed_;
};

}  // namespace imr::bench
