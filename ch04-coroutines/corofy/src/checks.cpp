#include "checks.hpp"

#include <map>
#include <string>

namespace corofy {

namespace {

std::string text(const SourceFile& file, std::size_t i) { return std::string(file.tokens[i].text); }

// `const std::string&` -> `std::string`: the type without top-level const and &.
std::string by_value(const SourceFile& file, const Parameter& p) {
  std::string out;
  int angles = 0;
  for (std::size_t k = p.first; k <= p.type_last; ++k) {
    const Token& t = file.tokens[k];
    angles += t.is("<") ? 1 : t.is(">") ? -1 : 0;
    if (angles == 0 && (t.is("const") || t.is("&") || t.is("&&"))) continue;
    if (!out.empty() && k > p.first && t.offset > file.tokens[k - 1].end()) out += ' ';
    out += t.text;
  }
  return out;
}

Note used_after(const SourceFile& file, const Coroutine& c, const Local& local) {
  const Token& wait = file.tokens[c.waits[local.segment].keyword];
  return {file.tokens[local.crossing_use].where,
          quote(local.name) + " is used here, after the wait at line " + std::to_string(wait.where.line)};
}

}  // namespace

void check_parameters(const SourceFile& file, const CoroutineDefinition& definition, std::vector<Diagnostic>& errors) {
  for (const Parameter& p : definition.params) {
    if (p.reference == kNoMatch) continue;
    const std::string name = p.name.empty() ? "this parameter" : quote(p.name);
    errors.push_back({file.tokens[p.reference].where,
                      "parameter " + name + " is a reference; a coroutine keeps its parameters until it finishes",
                      {{{}, "the coroutine runs when it is polled, after the call has returned, and the object may "
                            "be gone by then (a temporary dies at the end of the calling statement)"},
                       {{}, "take it by value: `" + by_value(file, p) + (p.name.empty() ? "" : " " + p.name) +
                                "` (C++ Core Guidelines, CP.53)"}}});
  }
}

void check_wait_declaration(const SourceFile& file, const Wait& wait, std::vector<Diagnostic>& errors) {
  const Declaration& d = *wait.declaration;
  const std::string name = quote(wait.target);
  if (d.deduced != kNoMatch) {
    errors.push_back({file.tokens[d.deduced].where, "write the type of " + name + " instead of '" + text(file, d.deduced) + "'",
                      {{{}, "corofy reads text, not types: it keeps the pending future as async::FuturePtr<TYPE> "
                            "and needs TYPE written out"}}});
  } else if (d.reference != kNoMatch) {
    errors.push_back({file.tokens[d.reference].where, name + " receives a wait's output: declare it as a value, not a reference", {}});
  } else if (d.static_storage != kNoMatch) {
    errors.push_back({file.tokens[d.static_storage].where, name + " receives a wait's output: it cannot be " + text(file, d.static_storage), {}});
  } else if (d.second_declarator != kNoMatch) {
    errors.push_back({file.tokens[d.second_declarator].where, "a wait's output goes to one variable: declare the others in a statement of their own", {}});
  }
}

void find_locals(const SourceFile& file, Coroutine& c, std::vector<Diagnostic>& /*errors*/) {
  for (std::size_t s = 0; s < c.body.statements.size(); ++s) {
    const Statement& st = c.body.statements[s];
    std::optional<Declaration> d;
    if (const Wait* w = c.wait_at(s)) {
      if (w->form == Wait::Form::Declaration) d = w->declaration;
    } else if (st.simple && file.is(st.last, ";") && st.last > st.first) {
      d = parse_declaration(file, st.first, st.last - 1);
    }
    if (!d) continue;
    if (d->bound_names.empty()) {
      c.locals.push_back({*d, text(file, d->name), c.segment_of[s], kNoMatch});
    } else {
      for (std::size_t name : d->bound_names) c.locals.push_back({*d, text(file, name), c.segment_of[s], kNoMatch});
    }
  }
  std::multimap<std::string, std::size_t> by_name;
  for (std::size_t i = 0; i < c.locals.size(); ++i) by_name.emplace(c.locals[i].name, i);
  for (std::size_t s = 0; s < c.body.statements.size(); ++s) {
    const Wait* w = c.wait_at(s);
    for (std::size_t k = c.body.statements[s].first; k <= c.body.statements[s].last; ++k) {
      const Token& t = file.tokens[k];
      if (t.kind != TokenKind::Identifier || file.is(k - 1, ".") || file.is(k - 1, "->") || file.is(k - 1, "::")) continue;
      // A wait's future expression runs in the segment before the wait.
      const bool in_expr = w != nullptr && w->expr_first <= k && k <= w->expr_last;
      const std::size_t segment = in_expr ? c.segment_of[s] - 1 : c.segment_of[s];
      auto [begin, end] = by_name.equal_range(std::string(t.text));
      for (auto it = begin; it != end; ++it) {
        Local& local = c.locals[it->second];
        if (segment > local.segment && local.crossing_use == kNoMatch) local.crossing_use = k;
      }
    }
  }
}

void check_locals(const SourceFile& file, const Coroutine& c, std::vector<Diagnostic>& errors) {
  for (const Local& local : c.locals) {
    if (local.crossing_use == kNoMatch) continue;
    const Declaration& d = local.declaration;
    const std::string name = quote(local.name);
    const Note use = used_after(file, c, local);
    const Note dangling{{}, "poll() returns between the steps of a coroutine, and the locals of a step die with it: "
                            "kept in the state machine, this could point at one of them or at a temporary, and "
                            "nothing would tell you; keep a value (a copy, or the object itself) instead"};
    if (!d.bound_names.empty()) {
      errors.push_back({file.tokens[d.deduced].where, "the structured binding " + name + " lives across a wait; declare each variable with its type",
                        {use}});
    } else if (d.deduced != kNoMatch) {
      errors.push_back({file.tokens[d.deduced].where, name + " is declared '" + text(file, d.deduced) + "' and lives across a wait; write its type",
                        {use, {{}, "corofy reads text, not types: a local that lives across a wait becomes a member of "
                                   "the state machine, and a member's type must be written out"}}});
    } else if (d.reference != kNoMatch) {
      errors.push_back({file.tokens[d.reference].where, name + " is a reference that lives across a wait", {use, dangling}});
    } else if (d.pointer != kNoMatch) {
      errors.push_back({file.tokens[d.pointer].where, name + " is a pointer that lives across a wait", {use, dangling}});
    } else if (d.static_storage != kNoMatch) {
      errors.push_back({file.tokens[d.static_storage].where, name + " is " + text(file, d.static_storage) + " and lives across a wait; move it out of the coroutine",
                        {use, {{}, "each step of the state machine is a block of its own: a static local of one step is not seen by the next"}}});
    } else if (d.array != kNoMatch) {
      errors.push_back({file.tokens[d.array].where, name + " is an array that lives across a wait; use std::array", {use}});
    } else if (d.second_declarator != kNoMatch) {
      errors.push_back({file.tokens[d.second_declarator].where, name + " lives across a wait: declare it in a statement of its own", {use}});
    }
  }
}

void check_uses_before_declaration(const SourceFile& file, const Coroutine& c, std::vector<Diagnostic>& errors) {
  std::map<std::string, bool> reported;
  for (const Local& local : c.locals) {
    if (local.crossing_use == kNoMatch || reported[local.name]) continue;
    const std::size_t declared = local.declaration.name;
    for (std::size_t k = c.definition->body_open + 1; k < declared; ++k) {
      const Token& t = file.tokens[k];
      // `x.limit`, `p->limit`, `ns::limit` and `limit::x` are other names.
      if (t.kind != TokenKind::Identifier || t.text != local.name || file.is(k - 1, ".") || file.is(k - 1, "->") ||
          file.is(k - 1, "::") || file.is(k + 1, "::")) {
        continue;
      }
      reported[local.name] = true;
      const Token& name = file.tokens[declared];
      errors.push_back({t.where, quote(local.name) + " is used before the local " + quote(local.name) + " (line " +
                                     std::to_string(name.where.line) + ") is declared, and that local lives across a wait",
                        {{name.where, "declared here; it becomes a member of the state machine, visible in every state"},
                         {{}, "here the name means something declared outside the coroutine (or in an inner block); "
                              "in the state machine it would mean the member, and the program would change: rename "
                              "the local"}}});
      break;
    }
  }
}

void resolve_assignment_targets(const SourceFile& file, Coroutine& c, std::vector<Diagnostic>& errors) {
  for (Wait& w : c.waits) {
    if (w.form != Wait::Form::Assignment) continue;
    for (const Parameter& p : c.definition->params) {
      if (p.name == w.target) w.output_type = p.type.starts_with("const ") ? p.type.substr(6) : p.type;
    }
    for (const Local& local : c.locals) {
      if (local.name == w.target && local.declaration.first < c.body.statements[w.statement].first) {
        // An auto local here is reported as one; any non-empty type will do.
        w.output_type = local.declaration.deduced != kNoMatch ? std::string(1, '?') : local.declaration.member_type(file);
      }
    }
    if (w.output_type.empty()) {
      errors.push_back({file.tokens[w.expr_first - 2].where,
                        "corofy does not know the type of '" + w.target + "'",
                        {{{}, "declare it earlier in this coroutine, or write `TYPE " + w.target + " = EXPR.wait;`"}}});
    }
  }
}

void check_reserved_names(const SourceFile& file, const Coroutine& c, bool waker_flavour,
                          std::vector<Diagnostic>& errors) {
  auto reserved = [&](std::string_view word) {
    if (word == "state_" || word == "State" || word == "resolve_" || word == "polled" || word == c.class_name) return true;
    if (waker_flavour && word == "waker") return true;
    if (word.size() > 5 && word.starts_with("wait") && word.ends_with("_")) {
      return word.substr(4, word.size() - 5).find_first_not_of("0123456789") == std::string_view::npos;
    }
    return false;
  };
  const std::size_t first = c.definition->params_open;
  std::map<std::string, bool> reported;
  for (std::size_t k = first; k < c.definition->last; ++k) {
    const Token& t = file.tokens[k];
    if (t.kind != TokenKind::Identifier || !reserved(t.text) || reported[std::string(t.text)]) continue;
    reported[std::string(t.text)] = true;
    errors.push_back({t.where, quote(t.text) + " is a name the generated state machine uses; rename it", {}});
  }
}

}  // namespace corofy
