#include "members.hpp"

#include <set>

namespace corofy {

std::string place(const Options& options, int first, int last) {
  std::string s = options.file_name + ":" + std::to_string(first);
  return last > first ? s + "-" + std::to_string(last) : s;
}

std::string state_list(const Coroutine& c) {
  std::string s = "Start";
  for (std::size_t k = 1; k <= c.waits.size(); ++k) s += ", Wait" + std::to_string(k);
  return s + ", Resolved";
}

std::string wait_slot(std::size_t k) { return "wait" + std::to_string(k) + "_"; }

bool is_member(const Coroutine& c, std::string_view name) {
  for (const Parameter& p : c.definition->params) {
    if (p.name == name) return true;
  }
  for (const Local& local : c.locals) {
    if (local.name == name && local.crossing_use != kNoMatch) return true;
  }
  return false;
}

void add_statement_edits(const SourceFile& f, const Coroutine& c, std::size_t s, std::vector<Edit>& edits) {
  const Statement& st = c.body.statements[s];
  for (std::size_t r : c.body.returns) {
    if (r < st.first || r > st.last) continue;
    std::size_t semi = r + 1;
    // The body parser made sure the statement ends in its `;`.
    while (semi < st.last && !f.is(semi, ";")) semi = f.match[semi] != kNoMatch && f.match[semi] > semi ? f.match[semi] + 1 : semi + 1;
    if (semi == r + 1) {
      edits.push_back({f.tokens[r].offset, f.tokens[semi].end(), "return resolve_();"});
    } else {
      // `return member;` moves it out, as `return local;` would have: the
      // state machine is done with it.
      const bool member = semi == r + 2 && is_member(c, f.tokens[r + 1].text);
      edits.push_back({f.tokens[r].offset, f.tokens[r + 1].offset, member ? "return resolve_(std::move(" : "return resolve_("});
      edits.push_back({f.tokens[semi - 1].end(), f.tokens[semi - 1].end(), member ? "))" : ")"});
    }
  }
  for (const Local& local : c.locals) {
    const Declaration& d = local.declaration;
    if (local.crossing_use == kNoMatch || d.first != st.first || c.wait_at(s) != nullptr) continue;
    const std::size_t type_start = f.tokens[d.first].offset;
    switch (d.init) {
      case Declaration::Init::None:  // `T x;` -> `x = T{};`: a fresh object here, as before
        edits.push_back({type_start, f.tokens[d.name].offset, ""});
        edits.push_back({f.tokens[d.name].end(), f.tokens[d.name].end(), " = " + d.member_type(f) + "{}"});
        break;
      case Declaration::Init::Equals:  // `T x = e;` -> `x = e;`
        edits.push_back({type_start, f.tokens[d.name].offset, ""});
        break;
      case Declaration::Init::Braces:  // `T x{a, b};` -> `x = T{a, b};`
      case Declaration::Init::Parentheses:
        edits.push_back({type_start, f.tokens[d.name].offset, ""});
        edits.push_back({f.tokens[d.name].end(), f.tokens[d.init_token].offset, " = " + d.member_type(f)});
        break;
    }
  }
}

std::string private_section(const SourceFile& f, const Coroutine& c, const Options& options) {
  std::string out = " private:\n  enum class State { " + state_list(c) + " };\n\n";
  out += "  // Every `return` of the coroutine ends here.\n";
  if (c.returns_void()) {
    out += "  async::PollState<void> resolve_() {\n    state_ = State::Resolved;\n    return async::Ready<void>{};\n  }\n\n";
  } else {
    out += "  async::PollState<" + c.output + "> resolve_(" + c.output + " value) {\n    state_ = State::Resolved;\n";
    out += "    return async::Ready<" + c.output + ">{std::move(value)};\n  }\n\n";
  }
  out += "  State state_ = State::Start;\n";
  bool any = false;
  for (const Parameter& p : c.definition->params) {
    if (p.name.empty()) continue;
    if (!any) out += "  // The parameters, kept for the states that use them.\n";
    any = true;
    out += "  " + p.type + " " + p.name + ";\n";
  }
  std::set<std::string> seen;
  for (const Local& local : c.locals) {
    if (local.crossing_use == kNoMatch || !seen.insert(local.name).second) continue;
    if (seen.size() == 1) out += "  // The locals that live across a wait.\n";
    const Token& use = f.tokens[local.crossing_use];
    out += "  " + local.declaration.member_type(f) + " " + local.name + "{};  // " +
           place(options, f.tokens[local.declaration.name].where.line) + ", used at line " +
           std::to_string(use.where.line) + "\n";
  }
  for (std::size_t k = 1; k <= c.waits.size(); ++k) {
    const Wait& w = c.waits[k - 1];
    if (k == 1) out += "  // The future each wait is waiting on (empty in the other states).\n";
    out += "  async::FuturePtr<" + w.output_type + "> " + wait_slot(k) + ";  // " +
           place(options, f.tokens[w.keyword].where.line) + "\n";
  }
  return out;
}

}  // namespace corofy
