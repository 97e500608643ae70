#include "embedded.hpp"

#include <asio.hpp>
#include <thread>

namespace delayserver {

struct EmbeddedServer::Impl {
  explicit Impl(Options options) : server(io, std::move(options)) {}
  // Destroyed in reverse: the thread is joined before the server and the
  // io_context go away.
  asio::io_context io;
  Server server;
  std::thread thread;
};

Options EmbeddedServer::quiet_ephemeral() {
  Options options;
  options.port = 0;
  options.quiet = true;
  return options;
}

EmbeddedServer::EmbeddedServer(Options options) : impl_(std::make_unique<Impl>(std::move(options))) {
  impl_->thread = std::thread([this] { impl_->io.run(); });
}

EmbeddedServer::~EmbeddedServer() {
  // Server::stop must run on the io thread; after it the loop has no work
  // left once the cancelled handlers have run, and io.run() returns.
  asio::post(impl_->io, [this] { impl_->server.stop(); });
  impl_->thread.join();
}

std::uint16_t EmbeddedServer::port() const { return impl_->server.port(); }

common::ServerAddress EmbeddedServer::address() const { return common::ServerAddress{"127.0.0.1", port()}; }

const Stats& EmbeddedServer::stats() const { return impl_->server.stats(); }

}  // namespace delayserver
