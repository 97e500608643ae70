#include "generator.hpp"

#include "members.hpp"
#include "text.hpp"

namespace corofy {

namespace {

constexpr std::string_view kCode = "          ";  // inside class, poll(), for, switch and case

class Generator {
 public:
  Generator(const SourceFile& file, const Coroutine& c, const Options& options)
      : f_(file), c_(c), options_(options), def_(*c.definition) {}

  std::string run() {
    original();
    if (!def_.has_body) {
      out_ += signature() + ";";
      return std::move(out_);
    }
    spans();
    out_ += "namespace {\n\n";
    out_ += "class " + c_.class_name + " final : public async::Future<" + c_.output + "> {\n public:\n";
    constructor();
    poll();
    out_ += private_section(f_, c_, options_);
    out_ += "};\n\n}  // namespace\n\n";
    out_ += signature() + " {\n  return std::make_unique<" + c_.class_name + ">(" + arguments() + ");\n}";
    return std::move(out_);
  }

 private:
  std::string at(int first, int last = 0) const { return place(options_, first, last); }
  std::string child_poll() const { return options_.waker ? "poll(waker)" : "poll()"; }
  const Statement& statement(std::size_t s) const { return c_.body.statements[s]; }

  void original() {
    const Token& first = f_.tokens[def_.first];
    const std::string states = def_.has_body ? state_list(c_) : "";  // "Start, Wait1, Resolved"
    const std::string summary =
        def_.has_body ? "corofy rewrote the coroutine `" + c_.name + "` (" + at(first.where.line) +
                            ") into the state machine " + c_.class_name + ", with the states " + states +
                            ", and the function " + c_.name + "() that creates it. As written:"
                      : "corofy rewrote the declaration of the coroutine `" + c_.name + "` (" + at(first.where.line) +
                            ") into the declaration of the function that creates it. As written:";
    out_ += wrap(summary, "// ") + "//\n";
    // The first line starts at the token; later lines keep their indentation
    // relative to it.
    std::string text(first.where.column - 1, ' ');
    text += f_.span(def_.first, def_.last);
    out_ += comment_lines(reindent(text, ""), "//   ");
    out_ += "\n";
  }

  std::string signature() const {
    std::string s;
    bool nodiscard = false;
    for (const std::string& spec : def_.specifiers) nodiscard = nodiscard || spec.find("nodiscard") != std::string::npos;
    if (!nodiscard) s += "[[nodiscard]] ";
    for (const std::string& spec : def_.specifiers) s += spec + " ";
    const std::size_t close = f_.match[def_.params_open];
    const std::string params = close > def_.params_open + 1 ? std::string(f_.span(def_.params_open + 1, close - 1)) : "";
    return s + "async::FuturePtr<" + c_.output + "> " + c_.name + "(" + params + ")";
  }

  std::string arguments() const {
    std::string s;
    for (const Parameter& p : def_.params) {
      if (p.name.empty()) continue;
      s += (s.empty() ? "" : ", ") + ("std::move(" + p.name + ")");
    }
    return s;
  }

  void constructor() {
    std::string params;
    std::string inits;
    for (const Parameter& p : def_.params) {
      if (p.name.empty()) continue;
      params += (params.empty() ? "" : ", ") + p.type + " " + p.name;
      inits += (inits.empty() ? "" : ", ") + p.name + "(std::move(" + p.name + "))";
    }
    out_ += params.empty() ? "  " + c_.class_name + "() = default;\n"
                           : "  explicit " + c_.class_name + "(" + params + ")\n      : " + inits + " {}\n";
    out_ += "  // It never moves: the code may keep pointers to its members.\n";
    out_ += "  " + c_.class_name + "(const " + c_.class_name + "&) = delete;\n";
    out_ += "  " + c_.class_name + "& operator=(const " + c_.class_name + "&) = delete;\n\n";
  }

  void poll() {
    out_ += "  async::PollState<" + c_.output + "> poll(" + (options_.waker ? "const async::Waker& waker" : "") +
            ") override {\n    for (;;) {\n      switch (state_) {\n";
    for (std::size_t k = 0; k <= c_.waits.size(); ++k) {
      out_ += "        case State::" + (k == 0 ? std::string("Start") : "Wait" + std::to_string(k)) + ": {\n";
      if (k > 0) wait_ends(k);
      const std::size_t first = k == 0 ? 0 : c_.waits[k - 1].statement + 1;
      const std::size_t end = k < c_.waits.size() ? c_.waits[k].statement : c_.body.statements.size();
      code(first, end);
      if (k < c_.waits.size()) {
        wait_begins(k + 1);
      } else {
        finish();
      }
      out_ += "        }\n";
    }
    out_ += "        case State::Resolved:\n          throw async::FuturePolledAfterReady(\"coroutine " + c_.name +
            "\");\n      }\n    }\n  }\n\n";
  }

  // Where each statement's text ends: after its last token, and after the
  // rest of that line when only a comment follows.
  void spans() {
    const std::size_t close = def_.last;
    for (std::size_t s = 0; s < c_.body.statements.size(); ++s) {
      const std::size_t limit = s + 1 < c_.body.statements.size() ? f_.tokens[statement(s + 1).first].offset
                                                                    : f_.tokens[close].offset;
      span_end_.push_back(through_end_of_line(f_.text, f_.tokens[statement(s).last].end(), limit));
    }
  }
  std::size_t span_begin(std::size_t s) const { return s == 0 ? f_.tokens[def_.body_open].end() : span_end_[s - 1]; }

  void code(std::size_t first, std::size_t end) {
    if (first < end) {
      std::vector<Edit> edits;
      for (std::size_t s = first; s < end; ++s) add_statement_edits(f_, c_, s, edits);
      const int from = f_.tokens[statement(first).first].where.line;
      const int to = f_.tokens[statement(end - 1).last].where.line;
      out_ += std::string(kCode) + "// " + at(from, to) + "\n";
      out_ += reindent(apply_edits(f_.text, span_begin(first), span_end_[end - 1], std::move(edits)), kCode);
    }
    if (end == c_.body.statements.size()) {  // comments after the last statement
      const std::size_t from = c_.body.statements.empty() ? f_.tokens[def_.body_open].end() : span_end_.back();
      out_ += reindent(f_.text.substr(from, f_.tokens[def_.last].offset - from), kCode);
    }
  }

  void wait_begins(std::size_t k) {
    const Wait& w = c_.waits[k - 1];
    const Statement& st = statement(w.statement);
    const Token& first = f_.tokens[st.first];
    out_ += reindent(f_.text.substr(span_begin(w.statement), first.offset - span_begin(w.statement)), kCode);
    out_ += std::string(kCode) + "// " + at(first.where.line) + ", the wait begins: " + f_.one_line(st.first, st.last) + "\n";
    // Continuation lines move with the expression's first line.
    const std::string prefix = std::string(kCode) + wait_slot(k) + " = ";
    const long delta = static_cast<long>(prefix.size()) - (f_.tokens[w.expr_first].where.column - 1);
    out_ += prefix + shift_continuation(f_.span(w.expr_first, w.expr_last), delta) + ";\n";
    out_ += std::string(kCode) + "state_ = State::Wait" + std::to_string(k) + ";\n";
    out_ += std::string(kCode) + "break;  // round the loop: poll " + wait_slot(k) + " at once\n";
  }

  void wait_ends(std::size_t k) {
    const Wait& w = c_.waits[k - 1];
    const std::string slot = wait_slot(k);
    const std::string pad(kCode);
    out_ += pad + "// " + at(f_.tokens[statement(w.statement).first].where.line) + ", the wait ends when " + slot + " is Ready\n";
    if (w.form == Wait::Form::Statement) {
      out_ += pad + "if (!" + slot + "->" + child_poll() + ".is_ready()) return async::NotReady{};\n";
      out_ += pad + slot + ".reset();\n";
      return;
    }
    out_ += pad + "auto polled = " + slot + "->" + child_poll() + ";\n";
    out_ += pad + "if (!polled.is_ready()) return async::NotReady{};\n";
    out_ += pad + slot + ".reset();\n";
    std::string target = w.target;
    if (w.form == Wait::Form::Declaration && !is_member(c_, w.target)) {
      target = std::string(f_.span(w.declaration->first, w.declaration->type_last)) + " " + w.target;
    }
    out_ += pad + target + " = std::move(polled).value();\n";
  }

  void finish() {
    const auto& statements = c_.body.statements;
    if (!statements.empty() && f_.is(statements.back().first, "return")) return;
    out_ += std::string(kCode) +
            (c_.returns_void() ? "return resolve_();\n"
                               : "throw std::logic_error(\"coroutine " + c_.name + " ended without returning a value\");\n");
  }

  const SourceFile& f_;
  const Coroutine& c_;
  const Options& options_;
  const CoroutineDefinition& def_;
  std::vector<std::size_t> span_end_;
  std::string out_;
};

}  // namespace

std::string generate(const SourceFile& file, const Coroutine& coroutine, const Options& options) {
  return Generator(file, coroutine, options).run();
}

}  // namespace corofy
