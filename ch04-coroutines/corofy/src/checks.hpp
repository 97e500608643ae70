// The checks that keep corofy from writing wrong code.
//
// Each adds a Diagnostic to `errors` (with notes that say what to write
// instead) and carries on, so one run reports every problem in a coroutine.
#pragma once

#include <vector>

#include "analysis.hpp"

namespace corofy {

// A reference parameter would be kept in the state machine after the call
// returns, so it could outlive what it refers to (C++ Core Guidelines CP.53).
void check_parameters(const SourceFile& file, const CoroutineDefinition& definition, std::vector<Diagnostic>& errors);

// `TYPE name = EXPR.wait;` needs TYPE written out, as a value.
void check_wait_declaration(const SourceFile& file, const Wait& wait, std::vector<Diagnostic>& errors);

// Fills coroutine.locals: every top-level declaration, and whether a later
// segment uses it.
void find_locals(const SourceFile& file, Coroutine& coroutine, std::vector<Diagnostic>& errors);

// A local that lives across a wait must become a member: refuse those that
// cannot (auto, references, pointers, statics, arrays, several in one statement).
void check_locals(const SourceFile& file, const Coroutine& coroutine, std::vector<Diagnostic>& errors);

// A local that lives across a wait becomes a member, visible in every state,
// also in the code before its declaration: there the same name meant
// something else (a global, a function), so a use there is refused.
void check_uses_before_declaration(const SourceFile& file, const Coroutine& coroutine, std::vector<Diagnostic>& errors);

// `name = EXPR.wait;`: the future yields name's type, which must be known.
void resolve_assignment_targets(const SourceFile& file, Coroutine& coroutine, std::vector<Diagnostic>& errors);

// The generated class uses a few names of its own (state_, polled, ...).
void check_reserved_names(const SourceFile& file, const Coroutine& coroutine, bool waker_flavour,
                          std::vector<Diagnostic>& errors);

}  // namespace corofy
