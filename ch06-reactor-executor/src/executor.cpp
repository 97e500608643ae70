// NEW (ch06): the executor's loop, spawn, and the thread-local current executor.
#include "executor.hpp"

#include <vector>

namespace async {

namespace {
// The book's `thread_local! { static CURRENT_EXEC: ExecutorCore }`: each
// thread sees its own. Only this thread reads or writes it.
thread_local Executor* current = nullptr;
}  // namespace

NoExecutor::NoExecutor()
    : std::logic_error("async::spawn: this thread has no async::Executor; create one (or an async::Runtime) first") {}

Executor::Executor() {
  if (current != nullptr) throw std::logic_error("async::Executor: this thread has one already");
  current = this;
  if (Observer* watching = observer()) watching->executor_started(*ready_);  // --svg's hook
}

Executor::~Executor() {
  tasks_.clear();  // their destructors may still ask for current_executor()
  current = nullptr;
}

Executor* current_executor() noexcept { return current; }

std::size_t Executor::spawn(FuturePtr<void> future) {
  if (!future) throw std::invalid_argument("async::spawn: the future is null");
  const std::size_t id = next_id_++;
  tasks_.emplace(id, std::move(future));
  ++stats_.spawned;
  ready_->push(id);  // a new task is ready: nothing has been done yet
  return id;
}

std::size_t spawn(FuturePtr<void> future) {
  if (current == nullptr) throw NoExecutor();
  return current->spawn(std::move(future));
}

std::size_t spawn(Task<void> task) { return spawn(boxed(std::move(task))); }

void Executor::run() {
  while (!tasks_.empty()) {
    // Every id woken since the last turn. None: park until a waker pushes
    // one. This is where the thread sleeps; it never spins.
    bool parked = false;
    const std::vector<std::size_t> ready = ready_->take_all(parked);
    if (parked) ++stats_.parks;
    for (const std::size_t id : ready) {
      // Taken out of the map while it is polled: the poll may spawn, and
      // spawning inserts into the map (the book removes and re-inserts too).
      auto task = tasks_.extract(id);
      if (task.empty()) {
        ++stats_.stale;  // woken after it finished (a task woken twice in one batch is polled twice: stale only if the first poll finished it)
        continue;
      }
      ++stats_.polls;
      if (task.mapped()->poll(Waker(ready_, id)).is_ready()) {
        ++stats_.finished;  // `task` goes out of scope: the future is destroyed now
        continue;
      }
      tasks_.insert(std::move(task));  // NotReady: it left our waker with whoever will wake it
    }
  }
}

}  // namespace async
