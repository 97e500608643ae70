#include "request.hpp"

#include "common/text.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace delayserver {

using common::iequals;
using common::trim;

namespace {

constexpr std::string_view kCrlf = "\r\n";
constexpr std::string_view kEndOfHead = "\r\n\r\n";
// Room on the request line besides the target: "DELETE " + " HTTP/1.1" and
// some slack for long method names.
constexpr std::size_t kRequestLineOverhead = 32;

bool is_tchar(char c) {  // RFC 9110 token characters
  if (std::isalnum(static_cast<unsigned char>(c))) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool is_visible(char c) { return c > 0x20 && c < 0x7f; }



int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Rejection reject(int status, std::string reason) { return Rejection{status, std::move(reason)}; }

// True when the comma-separated Connection value lists `option`.
bool lists_option(std::string_view value, std::string_view option) {
  while (!value.empty()) {
    const auto comma = value.find(',');
    if (iequals(trim(value.substr(0, comma)), option)) return true;
    if (comma == std::string_view::npos) break;
    value.remove_prefix(comma + 1);
  }
  return false;
}

}  // namespace

HeadScan scan_head(std::string_view received, const Limits& limits) {
  const auto line_end = received.find(kCrlf);
  if (line_end == std::string_view::npos) {
    if (received.size() > limits.max_target + kRequestLineOverhead) {
      return reject(414, "request target longer than " + std::to_string(limits.max_target) + " bytes");
    }
    return Incomplete{};
  }
  // The target is what lies between the first and the last space.
  const std::string_view line = received.substr(0, line_end);
  const auto first_space = line.find(' ');
  const auto last_space = line.rfind(' ');
  if (first_space != last_space && last_space - first_space - 1 > limits.max_target) {
    return reject(414, "request target longer than " + std::to_string(limits.max_target) + " bytes");
  }
  const std::size_t headers_start = line_end + kCrlf.size();
  // An empty header block: the request line's CRLF is directly followed by CRLF.
  const auto end = received.substr(line_end).find(kEndOfHead);
  if (end == std::string_view::npos) {
    if (received.size() - headers_start > limits.max_head) {
      return reject(431, "header block longer than " + std::to_string(limits.max_head) + " bytes");
    }
    return Incomplete{};
  }
  const std::size_t length = line_end + end + kEndOfHead.size();
  if (length - headers_start > limits.max_head) {
    return reject(431, "header block longer than " + std::to_string(limits.max_head) + " bytes");
  }
  return HeadComplete{length};
}

std::variant<DelayRequest, Rejection> parse_head(std::string_view head, const Limits& limits) {
  const auto line_end = head.find(kCrlf);
  const std::string_view line = head.substr(0, line_end);
  std::string_view headers =
      line_end == std::string_view::npos ? std::string_view{} : head.substr(line_end + kCrlf.size());

  // request-line = method SP request-target SP HTTP-version (RFC 9112 §3)
  const auto sp1 = line.find(' ');
  const auto sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
  if (sp1 == std::string_view::npos || sp2 == std::string_view::npos ||
      line.find(' ', sp2 + 1) != std::string_view::npos) {
    return reject(400, "malformed request line: expected METHOD /target HTTP/1.1");
  }
  const std::string_view method = line.substr(0, sp1);
  const std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  const std::string_view version = line.substr(sp2 + 1);
  if (method.empty() || !std::all_of(method.begin(), method.end(), is_tchar) || target.empty() ||
      !std::all_of(target.begin(), target.end(), is_visible)) {
    return reject(400, "malformed request line: expected METHOD /target HTTP/1.1");
  }
  if (version != "HTTP/1.1" && version != "HTTP/1.0") {
    if (version.starts_with("HTTP/") && version.size() == 8 && std::isdigit(static_cast<unsigned char>(version[5])) &&
        version[6] == '.' && std::isdigit(static_cast<unsigned char>(version[7]))) {
      return reject(505, "only HTTP/1.0 and HTTP/1.1 are supported");
    }
    return reject(400, "malformed request line: bad HTTP version");
  }

  DelayRequest request;
  request.keep_alive = version == "HTTP/1.1";  // HTTP/1.0 always closes here
  while (!headers.empty()) {
    const auto eol = headers.find(kCrlf);
    const std::string_view field = headers.substr(0, eol);
    headers = eol == std::string_view::npos ? std::string_view{} : headers.substr(eol + kCrlf.size());
    if (field.empty()) break;  // the blank line that ends the head
    const auto colon = field.find(':');
    if (colon == 0 || colon == std::string_view::npos ||
        !std::all_of(field.begin(), field.begin() + static_cast<std::ptrdiff_t>(colon), is_tchar)) {
      return reject(400, "malformed header line");
    }
    if (iequals(field.substr(0, colon), "Connection") && lists_option(field.substr(colon + 1), "close")) {
      request.keep_alive = false;
    }
  }

  if (method != "GET") return reject(405, "only GET is supported");

  // /{delay_ms}/{message}, a query string ignored.
  std::string_view path = target.substr(0, target.find('?'));
  const auto not_found = [] { return reject(404, "no such path: use /{delay_ms}/{message}"); };
  if (!path.starts_with('/')) return not_found();
  path.remove_prefix(1);
  const auto slash = path.find('/');
  if (slash == std::string_view::npos) return not_found();
  const std::string_view delay = path.substr(0, slash);
  const std::string_view message = path.substr(slash + 1);
  if (delay.empty() || message.empty() || message.find('/') != std::string_view::npos) {
    return not_found();
  }
  if (!std::all_of(delay.begin(), delay.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return reject(400, "delay must be a whole number of milliseconds, not '" +
                           std::string(delay.substr(0, 32)) + "'");
  }
  auto [end, ec] = std::from_chars(delay.data(), delay.data() + delay.size(), request.delay_ms);
  if (ec != std::errc{} || request.delay_ms > limits.max_delay_ms) {
    return reject(400, "delay above the maximum of " + std::to_string(limits.max_delay_ms) + " ms");
  }
  auto decoded = url_decode(message);
  if (!decoded) return reject(400, "invalid %-escape in the message");
  request.message = std::move(*decoded);
  return request;
}

std::optional<std::string> url_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out.push_back(text[i]);
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;  // fewer than two characters follow
    const int high = hex_value(text[i + 1]);
    const int low = hex_value(text[i + 2]);
    if (high < 0 || low < 0) return std::nullopt;
    out.push_back(static_cast<char>(high * 16 + low));
    i += 2;
  }
  return out;
}

std::string_view status_text(int status) {
  switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 414: return "URI Too Long";
    case 431: return "Request Header Fields Too Large";
    case 505: return "HTTP Version Not Supported";
    default: return "Error";
  }
}

std::string format_response(int status, std::string_view body, bool close) {
  std::string out;
  out.reserve(body.size() + 128);
  out.append("HTTP/1.1 ").append(std::to_string(status)).append(" ").append(status_text(status));
  out.append("\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ");
  out.append(std::to_string(body.size())).append("\r\n");
  if (status == 405) out.append("Allow: GET\r\n");
  if (close) out.append("Connection: close\r\n");
  out.append("\r\n").append(body);
  return out;
}

}  // namespace delayserver
