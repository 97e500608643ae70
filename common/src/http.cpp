#include "common/http.hpp"

#include <charconv>

#include "common/text.hpp"

namespace common {

std::string get_request(std::string_view path, std::string_view host) {
  std::string request;
  request.reserve(path.size() + host.size() + 48);
  request.append("GET ").append(path).append(" HTTP/1.1\r\n");
  request.append("Host: ").append(host).append("\r\n");
  request.append("Connection: close\r\n\r\n");
  return request;
}

std::optional<std::string_view> HttpResponse::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (iequals(key, name)) return std::string_view(value);
  }
  return std::nullopt;
}

bool response_complete(std::string_view raw, bool at_eof) {
  const auto head_end = raw.find("\r\n\r\n");
  if (head_end == std::string_view::npos) return false;  // not even the headers yet
  std::string_view head = raw.substr(0, head_end);
  const std::size_t body = raw.size() - head_end - 4;
  // Skip the status line, then look for Content-Length among the headers.
  auto eol = head.find("\r\n");
  while (eol != std::string_view::npos) {
    head = head.substr(eol + 2);
    eol = head.find("\r\n");
    const std::string_view line = head.substr(0, eol);
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || !iequals(trim(line.substr(0, colon)), "Content-Length")) continue;
    const std::string_view value = trim(line.substr(colon + 1));
    std::size_t n = 0;
    const auto [p, err] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (err != std::errc{} || p != value.data() + value.size()) return at_eof;  // let split_response say why
    return body >= n;
  }
  return at_eof;
}

HttpResponse split_response(std::string_view raw) {
  const auto head_end = raw.find("\r\n\r\n");
  if (head_end == std::string_view::npos) {
    throw HttpParseError("response has no end of headers (\\r\\n\\r\\n)");
  }
  std::string_view head = raw.substr(0, head_end);
  std::string_view rest = raw.substr(head_end + 4);

  const auto line_end = head.find("\r\n");
  std::string_view status_line = head.substr(0, line_end);
  head = line_end == std::string_view::npos ? std::string_view{} : head.substr(line_end + 2);

  // "HTTP/1.1 200 OK"
  if (!status_line.starts_with("HTTP/1.") || status_line.size() < 12 || status_line[8] != ' ') {
    throw HttpParseError("not an HTTP/1.x status line: " + std::string(status_line.substr(0, 80)));
  }
  HttpResponse response;
  const char* first = status_line.data() + 9;
  auto [end, ec] = std::from_chars(first, first + 3, response.status);
  if (ec != std::errc{} || end != first + 3) {
    throw HttpParseError("bad status code in: " + std::string(status_line.substr(0, 80)));
  }
  response.reason = std::string(trim(status_line.substr(12)));

  while (!head.empty()) {
    const auto eol = head.find("\r\n");
    std::string_view line = head.substr(0, eol);
    head = eol == std::string_view::npos ? std::string_view{} : head.substr(eol + 2);
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) {
      throw HttpParseError("header line without ':': " + std::string(line.substr(0, 80)));
    }
    response.headers.emplace_back(std::string(trim(line.substr(0, colon))),
                                  std::string(trim(line.substr(colon + 1))));
  }

  if (auto length = response.header("Content-Length")) {
    std::size_t n = 0;
    auto [p, err] = std::from_chars(length->data(), length->data() + length->size(), n);
    if (err != std::errc{} || p != length->data() + length->size()) {
      throw HttpParseError("bad Content-Length: " + std::string(*length));
    }
    if (rest.size() < n) {
      throw HttpParseError("body is " + std::to_string(rest.size()) +
                           " bytes, Content-Length says " + std::to_string(n));
    }
    rest = rest.substr(0, n);
  }
  response.body = std::string(rest);
  return response;
}

}  // namespace common
