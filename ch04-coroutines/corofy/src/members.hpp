// What the state machine keeps, and how the code that moves into it changes.
//
// The members: `state_`, the parameters, the locals that live across a wait
// and one `waitN_` slot per wait. The copied code changes in two ways: the
// declaration of a local that became a member turns into an assignment to
// it (`T x;` into `x = T{};`, so a fresh object is still made where the
// declaration was), and every `return x;` of the coroutine becomes `return resolve_(x);`,
// which moves the state machine to Resolved.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "analysis.hpp"
#include "options.hpp"
#include "text.hpp"

namespace corofy {

// "main.coro.cpp:12" or, for several lines, "main.coro.cpp:12-14".
[[nodiscard]] std::string place(const Options& options, int first, int last = 0);

// "Start, Wait1, Wait2, Resolved".
[[nodiscard]] std::string state_list(const Coroutine& coroutine);

// "wait1_": the member that holds the k-th wait's child future (k from 1).
[[nodiscard]] std::string wait_slot(std::size_t k);

// True for a parameter or a local that lives across a wait.
[[nodiscard]] bool is_member(const Coroutine& coroutine, std::string_view name);

// The edits to top-level statement `s` as it is copied into its state.
void add_statement_edits(const SourceFile& file, const Coroutine& coroutine, std::size_t s, std::vector<Edit>& edits);

// The class's private section: the State enum, resolve_() and the members.
[[nodiscard]] std::string private_section(const SourceFile& file, const Coroutine& coroutine, const Options& options);

}  // namespace corofy
