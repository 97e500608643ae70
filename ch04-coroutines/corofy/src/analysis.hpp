// What a coroutine becomes: its waits, its steps, and what it must keep.
//
// The waits cut the body into segments, the code each state runs:
//
//   coroutine void f(int n) {     segment 0 (state Start): from the top to
//     log("start");                 the first wait, which creates the child
//     std::string a = g(n).wait;    future and moves to state Wait1
//     log(a);                     segment 1 (state Wait1): once the child is
//     h(a).wait;                    Ready, its result lands in `a`; then the
//     log(a);                       code up to the next wait
//   }                             segment 2 (state Wait2): the rest
//
// A local is used in a later segment than the one that declares it (`a`
// above) lives across a wait: it cannot stay a local of poll(), which returns
// between segments, so it becomes a member of the state machine, and so do
// all parameters. This file finds the segments and those locals, and refuses
// what cannot be rewritten safely.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "declaration.hpp"
#include "statements.hpp"
#include "syntax.hpp"

namespace corofy {

struct Wait {
  enum class Form { Statement, Declaration, Assignment };  // `E.wait;`  `T x = E.wait;`  `x = E.wait;`

  std::size_t statement = 0;  // index into Body::statements
  std::size_t keyword = 0;    // the `wait` token
  Form form = Form::Statement;
  std::size_t expr_first = 0;  // the future expression E
  std::size_t expr_last = 0;
  std::string output_type;  // what the future yields: "void" for the statement form
  std::string target;       // the variable that receives the output
  std::optional<Declaration> declaration;  // the declaration form's declaration
};

struct Local {
  Declaration declaration;
  std::string name;
  std::size_t segment = 0;           // where it is declared
  std::size_t crossing_use = kNoMatch;  // a use in a later segment, if any: then it is a member
};

struct Coroutine {
  const CoroutineDefinition* definition = nullptr;
  Body body;
  std::string name;        // the function's name: async_main
  std::string class_name;  // the state machine's: AsyncMainCoroutine
  std::string output;      // the return type as written; "void" for none
  std::vector<Wait> waits;
  std::vector<Local> locals;
  std::vector<std::size_t> segment_of;  // per top-level statement

  [[nodiscard]] bool returns_void() const { return output == "void"; }
  // The wait that ends at top-level statement `s`, or nullptr.
  [[nodiscard]] const Wait* wait_at(std::size_t s) const;
};

// Analyses one coroutine; `class_name` is chosen by the caller (unique in the
// file). Throws RewriteError with every problem found in it.
[[nodiscard]] Coroutine analyze(const SourceFile& file, const CoroutineDefinition& definition, std::string class_name,
                                bool waker_flavour);

// async_main -> AsyncMain, getData -> GetData.
[[nodiscard]] std::string pascal_case(std::string_view name);

}  // namespace corofy
