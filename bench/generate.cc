// bench/generate: writes N realistic letters to a folder, or streams them to standard output
// separated by form-feed-free "\n\x1e\n" record marks.
//
//   build/bench/generate --letters 1000 [--seed 42] [--model data/letters] (--out DIR | --stdout)
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "imr/error.h"
#include "imr/letter_generator.h"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
    std::uint64_t letters = 0, seed = 42;
    fs::path model_dir = "data/letters", out;
    bool to_stdout = false;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--letters" && i + 1 < argc) letters = std::stoull(argv[++i]);
        else if (a == "--seed" && i + 1 < argc) seed = std::stoull(argv[++i]);
        else if (a == "--model" && i + 1 < argc) model_dir = argv[++i];
        else if (a == "--out" && i + 1 < argc) out = argv[++i];
        else if (a == "--stdout") to_stdout = true;
        else {
            std::cerr << "usage: generate --letters N [--seed S] [--model DIR] (--out DIR | --stdout)\n";
            return 2;
        }
    }
    if (letters == 0 || (out.empty() && !to_stdout)) {
        std::cerr << "generate: say how many --letters, and --out DIR or --stdout\n";
        return 2;
    }
    try {
        auto model = imr::bench::LetterModel::from_folder(model_dir);
        imr::bench::LetterGenerator gen(model, seed);
        if (!out.empty()) fs::create_directories(out);
        size_t decisions = 0;
        for (std::uint64_t i = 0; i < letters; ++i) {
            size_t n = 0;
            std::string text = gen.letter(i, &n);
            decisions += n;
            if (to_stdout) {
                std::cout << text << "\n\x1e\n";
            } else {
                std::ofstream(out / gen.file_name(i), std::ios::binary) << text;
            }
        }
        std::cerr << "generated " << letters << " letters, " << decisions << " decisions\n";
    } catch (const imr::Error& e) {
        std::cerr << "generate: " << e.what() << '\n';
        return 3;
    }
    return 0;
}
