// Indexes the folder it is given and searches it, through the installed headers and libraries.
#include <iostream>

#include "imr/indexer.h"
#include "imr/searcher.h"

int main(int argc, char** argv) {
    if (argc != 3) return 2;
    imr::Indexer(argv[1]).index({argv[2]});
    imr::SearchResults r = imr::Searcher(argv[1]).search("acupuncture");
    std::cout << r.total << " decisions; first " << (r.hits.empty() ? "none" : r.hits[0].record.id) << "\n";
    return r.total > 0 ? 0 : 1;
}
