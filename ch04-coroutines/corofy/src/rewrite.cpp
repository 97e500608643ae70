#include "rewrite.hpp"

#include <algorithm>
#include <set>

#include "analysis.hpp"
#include "generator.hpp"
#include "syntax.hpp"

namespace corofy {

std::string rewrite(std::string_view source, const Options& options) {
  const SourceFile file(source);
  const std::vector<CoroutineDefinition> definitions = find_coroutines(file);

  std::vector<Diagnostic> errors;
  std::vector<Coroutine> coroutines;
  std::set<std::string> class_names;
  for (const CoroutineDefinition& definition : definitions) {
    // Overloads share a name: number the later state machines.
    const std::string base = pascal_case(file.tokens[definition.name].text) + "Coroutine";
    std::string name = base;
    for (int n = 2; !class_names.insert(name).second; ++n) name = base + std::to_string(n);
    try {
      coroutines.push_back(analyze(file, definition, name, options.waker));
    } catch (const RewriteError& e) {
      errors.insert(errors.end(), e.diagnostics().begin(), e.diagnostics().end());
    }
  }
  if (!errors.empty()) {
    std::stable_sort(errors.begin(), errors.end(), [](const Diagnostic& a, const Diagnostic& b) {
      return a.where.line != b.where.line ? a.where.line < b.where.line : a.where.column < b.where.column;
    });
    throw RewriteError(std::move(errors));
  }

  const std::string command = "corofy " + options.file_name + (options.waker ? " --waker" : "");
  // A byte-order mark stays at the very start, before the banner.
  const bool bom = source.starts_with(kByteOrderMark);
  std::string out = bom ? std::string(kByteOrderMark) : std::string();
  out += "// Generated from " + options.file_name + " by `" + command + "`: edit that file, not this one.\n";
  out += "#include <memory>     // std::make_unique, for the generated code\n";
  out += "#include <stdexcept>  // std::logic_error, for the generated code\n";
  out += "#include <utility>    // std::move, for the generated code\n\n";
  std::size_t copied = bom ? kByteOrderMark.size() : 0;
  for (const Coroutine& coroutine : coroutines) {
    const CoroutineDefinition& d = *coroutine.definition;
    out += source.substr(copied, file.tokens[d.first].offset - copied);
    out += generate(file, coroutine, options);
    copied = file.tokens[d.last].end();
  }
  out += source.substr(copied);
  return out;
}

std::string default_output_path(std::string_view input_path) {
  const std::size_t slash = input_path.rfind('/');
  const std::size_t name_start = slash == std::string_view::npos ? 0 : slash + 1;
  std::string_view stem = input_path.substr(name_start);
  if (stem.ends_with(".coro.cpp")) {
    stem.remove_suffix(9);
  } else if (const std::size_t dot = stem.rfind('.'); dot != std::string_view::npos && dot > 0) {
    stem = stem.substr(0, dot);
  }
  return std::string(input_path.substr(0, name_start)) + std::string(stem) + "_corofied.cpp";
}

}  // namespace corofy
