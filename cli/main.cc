#include <iostream>

#include "imr/cli.h"

int main(int argc, char** argv) { return imr::run_cli(argc, argv, std::cout, std::cerr); }
