// The command line of every program here: options with defaults, ranges,
// flags and --help. It is the small part of CLI11's interface our programs
// use, with the same names (common::cli::App is CLI::App, add_option,
// capture_default_str, check(Range(...)), add_flag), compiled once in
// common/src/cli.cpp. CLI11 is header-only and costs seconds of compile time
// in every file that includes it; behind this header it costs that once.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace common::cli {

// A value must lie in [min, max] (both included), checked while parsing.
class Range {
 public:
  template <class T>
  Range(T min, T max) : min_(static_cast<long long>(min)), max_(static_cast<long long>(max)) {}
  [[nodiscard]] long long min() const { return min_; }
  [[nodiscard]] long long max() const { return max_; }

 private:
  long long min_;
  long long max_;
};

// One option of an App; the App owns it. Calls chain: ->check(...)->capture_default_str().
class Option {
 public:
  explicit Option(CLI::Option* option) : option_(option) {}
  Option* capture_default_str();          // --help shows the value it has now
  Option* check(const Range& range);      // a value outside is a usage error
  // `validate` returns "" for a good value, else what is wrong with it.
  Option* check(std::function<std::string(const std::string&)> validate);
  Option* type_name(const std::string& name);  // what --help shows for the value: FILE, HOST:PORT

 private:
  CLI::Option* option_;
};

class App {
 public:
  explicit App(std::string description, std::string name = "");
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // `name` is "--long", "--long,-s", or a positional name ("input").
  Option* add_option(const std::string& name, int& value, const std::string& help);
  Option* add_option(const std::string& name, long& value, const std::string& help);
  Option* add_option(const std::string& name, unsigned& value, const std::string& help);
  Option* add_option(const std::string& name, unsigned long& value, const std::string& help);
  Option* add_option(const std::string& name, double& value, const std::string& help);
  Option* add_option(const std::string& name, std::string& value, const std::string& help);
  Option* add_option(const std::string& name, std::vector<int>& values, const std::string& help);
  Option* add_option(const std::string& name, std::vector<long>& values, const std::string& help);
  Option* add_option(const std::string& name, std::vector<unsigned long>& values, const std::string& help);
  // `on_value` runs while parsing. std::invalid_argument from it is a usage
  // error that names the option and says what(); any other exception leaves
  // parse() as it is.
  Option* add_option_function(const std::string& name, std::function<void(const std::string&)> on_value,
                              const std::string& help);
  Option* add_flag(const std::string& name, bool& value, const std::string& help);

  // Parses the command line. nullopt: go on. A value: the program should
  // exit with it now (0 after --help, non-zero after a usage error); what
  // to say has been printed.
  [[nodiscard]] std::optional<int> parse(int argc, const char* const* argv);

  // Whether an option of this name exists and was on the command line.
  [[nodiscard]] bool given(const std::string& name) const;
  [[nodiscard]] bool has_option(const std::string& name) const;

 private:
  std::unique_ptr<CLI::App> app_;
  std::vector<std::unique_ptr<Option>> options_;
  Option* keep(CLI::Option* option);
};

}  // namespace common::cli
