// corofy: rewrites functions marked `coroutine` into state machines.
// See cli.hpp for the command line and rewrite.hpp for the library.
#include <iostream>

#include "cli.hpp"

int main(int argc, char** argv) { return corofy::run_cli(argc, argv, std::cout, std::cerr); }
