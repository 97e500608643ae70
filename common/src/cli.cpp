// The one file that compiles CLI11's headers (see common/cli.hpp).
#include "common/cli.hpp"

#include <CLI/CLI.hpp>

#include <stdexcept>
#include <utility>

namespace common::cli {

Option* Option::capture_default_str() {
  option_->capture_default_str();
  return this;
}

Option* Option::check(const Range& range) {
  option_->check(CLI::Range(range.min(), range.max()));
  return this;
}

Option* Option::check(std::function<std::string(const std::string&)> validate) {
  option_->check(std::move(validate));
  return this;
}

Option* Option::type_name(const std::string& name) {
  option_->type_name(name);
  return this;
}

App::App(std::string description, std::string name)
    : app_(std::make_unique<CLI::App>(std::move(description), std::move(name))) {}

App::~App() = default;

Option* App::keep(CLI::Option* option) {
  options_.push_back(std::make_unique<Option>(option));
  return options_.back().get();
}

Option* App::add_option(const std::string& name, int& value, const std::string& help) {
  return keep(app_->add_option(name, value, help));
}
Option* App::add_option(const std::string& name, long& value, const std::string& help) {
  return keep(app_->add_option(name, value, help));
}
Option* App::add_option(const std::string& name, unsigned& value, const std::string& help) {
  return keep(app_->add_option(name, value, help));
}
Option* App::add_option(const std::string& name, unsigned long& value, const std::string& help) {
  return keep(app_->add_option(name, value, help));
}
Option* App::add_option(const std::string& name, double& value, const std::string& help) {
  return keep(app_->add_option(name, value, help));
}
Option* App::add_option(const std::string& name, std::string& value, const std::string& help) {
  return keep(app_->add_option(name, value, help));
}
Option* App::add_option(const std::string& name, std::vector<int>& values, const std::string& help) {
  return keep(app_->add_option(name, values, help));
}
Option* App::add_option(const std::string& name, std::vector<long>& values, const std::string& help) {
  return keep(app_->add_option(name, values, help));
}
Option* App::add_option(const std::string& name, std::vector<unsigned long>& values, const std::string& help) {
  return keep(app_->add_option(name, values, help));
}

Option* App::add_option_function(const std::string& name, std::function<void(const std::string&)> on_value,
                                 const std::string& help) {
  return keep(app_->add_option_function<std::string>(
      name,
      [name, on_value = std::move(on_value)](const std::string& text) {
        try {
          on_value(text);
        } catch (const std::invalid_argument& e) {
          throw CLI::ValidationError(name, e.what());
        }
      },
      help));
}

Option* App::add_flag(const std::string& name, bool& value, const std::string& help) {
  return keep(app_->add_flag(name, value, help));
}

std::optional<int> App::parse(int argc, const char* const* argv) {
  try {
    app_->parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app_->exit(e);
  }
  return std::nullopt;
}

bool App::has_option(const std::string& name) const { return app_->get_option_no_throw(name) != nullptr; }

bool App::given(const std::string& name) const {
  const auto* option = app_->get_option_no_throw(name);
  return option != nullptr && option->count() > 0;
}

}  // namespace common::cli
