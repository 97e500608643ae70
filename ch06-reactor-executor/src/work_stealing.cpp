// NEW (beyond the book): the work-stealing executor's workers, queues,
// task states and parking. Read work_stealing.hpp first.
#include "work_stealing.hpp"

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>

#include "observer.hpp"

namespace async::ws {

namespace detail {

namespace {
// A task's state (see the diagram in work_stealing.hpp).
constexpr int kIdle = 0;       // waiting: whoever holds its waker will wake it
constexpr int kScheduled = 1;  // in exactly one queue
constexpr int kRunning = 2;    // being polled by one worker
constexpr int kNotified = 3;   // woken while being polled: queue it again after the poll
constexpr int kDone = 4;       // finished or destroyed; wakes are ignored
}  // namespace

struct TaskCell {
  TaskCell(std::size_t id, FuturePtr<void> future) : id(id), future(std::move(future)) {}
  const std::size_t id;
  std::atomic<int> state{kScheduled};
  // Touched only by the worker that moved `state` to kRunning, or by the
  // cleanup after an error, when no worker polls.
  FuturePtr<void> future;
};
using TaskRef = std::shared_ptr<TaskCell>;

// A queue and its lock. The owner takes from the front (oldest first);
// thieves take the front half too: the tasks that have waited longest.
struct Queue {
  mutable std::mutex mutex;
  std::deque<TaskRef> tasks;

  void push(TaskRef task) {
    std::lock_guard lock(mutex);
    tasks.push_back(std::move(task));
  }
  TaskRef pop() {
    std::lock_guard lock(mutex);
    if (tasks.empty()) return nullptr;
    TaskRef task = std::move(tasks.front());
    tasks.pop_front();
    return task;
  }
  // The older half (rounded up) of what is queued, oldest first.
  std::vector<TaskRef> take_half() {
    std::lock_guard lock(mutex);
    const std::size_t n = (tasks.size() + 1) / 2;
    std::vector<TaskRef> taken(std::make_move_iterator(tasks.begin()),
                               std::make_move_iterator(tasks.begin() + static_cast<std::ptrdiff_t>(n)));
    tasks.erase(tasks.begin(), tasks.begin() + static_cast<std::ptrdiff_t>(n));
    return taken;
  }
  bool empty() const {
    std::lock_guard lock(mutex);
    return tasks.empty();
  }
  void clear() {
    std::lock_guard lock(mutex);
    tasks.clear();
  }
};

struct WorkerCounters {
  std::atomic<long long> polls{0}, local{0}, injected{0}, steals{0}, stolen_tasks{0}, parks{0};
};

class Shared final : public Schedule, public std::enable_shared_from_this<Shared> {
 public:
  explicit Shared(std::size_t workers) : locals(workers), counters(workers) {}

  // --- scheduling --------------------------------------------------------

  // Waker::wake lands here: find the task, move it to SCHEDULED and queue it,
  // or mark it NOTIFIED if a worker is polling it right now.
  void schedule(std::size_t id) override {
    TaskRef task;
    {
      std::lock_guard lock(tasks_mutex);
      auto it = tasks.find(id);
      if (it == tasks.end()) return;  // finished, or destroyed: nothing to do
      task = it->second;
    }
    int state = task->state.load();
    for (;;) {
      if (state == kIdle) {
        if (task->state.compare_exchange_weak(state, kScheduled)) {
          ++wakes;
          enqueue(std::move(task));
          return;
        }
      } else if (state == kRunning) {
        if (task->state.compare_exchange_weak(state, kNotified)) {
          ++wakes;
          ++notified;
          return;
        }
      } else {
        return;  // already queued, already notified, or done
      }
    }
  }

  // Where a scheduled task goes: the calling worker's own queue (it runs
  // there soonest, and its data is in that core's cache), or the injector.
  void enqueue(TaskRef task);

  void spawn(FuturePtr<void> future) {
    if (!future) throw std::invalid_argument("ws::spawn: the future is null");
    TaskRef task;
    {
      std::lock_guard lock(tasks_mutex);
      const std::size_t id = next_id++;
      task = std::make_shared<TaskCell>(id, std::move(future));
      tasks.emplace(id, task);
    }
    ++live;
    ++spawned;
    enqueue(std::move(task));  // born SCHEDULED
  }

  // --- a worker's loop -----------------------------------------------------

  void work(std::size_t index);

  // --- block_on's wait and cleanup ----------------------------------------

  // Sleeps until every task is done or one has failed; after a failure,
  // destroys every task and rethrows the first exception.
  void wait_until_done();

  void shut_down() {
    stopping = true;
    {
      std::lock_guard lock(park_mutex);
      shutdown = true;
      ++epoch;
    }
    park_cv.notify_all();
  }

  // Every task still held, destroyed in spawn order; queues emptied.
  void destroy_all_tasks() {
    std::map<std::size_t, TaskRef> doomed;
    {
      std::lock_guard lock(tasks_mutex);
      doomed.swap(tasks);
    }
    for (auto& [id, task] : doomed) {
      task->state.store(kDone);  // a wake still on its way finds nothing to do
      task->future.reset();      // its sources deregister here, on this thread
    }
    injector.clear();
    for (Queue& queue : locals) queue.clear();
    live -= static_cast<std::ptrdiff_t>(doomed.size());
  }

  std::vector<Queue> locals;
  std::vector<WorkerCounters> counters;
  Queue injector;

  std::mutex tasks_mutex;
  std::map<std::size_t, TaskRef> tasks;  // by id, which is spawn order
  std::size_t next_id = 1;
  std::atomic<std::ptrdiff_t> live{0};

  std::atomic<long long> spawned{0}, finished{0}, wakes{0}, notified{0};

  // Parking: a worker with nothing to do sleeps on park_cv. `sleepers`
  // lets a push skip the lock when nobody sleeps; `epoch` changes on every
  // push that someone may be sleeping through, so no push is missed.
  std::mutex park_mutex;
  std::condition_variable park_cv;
  std::uint64_t epoch = 0;
  bool shutdown = false;
  std::atomic<bool> stopping{false};  // shutdown, readable without the lock
  std::atomic<int> sleepers{0};

  // block_on's side: done when live == 0 or a task failed.
  std::mutex done_mutex;
  std::condition_variable done_cv;
  std::atomic<bool> failed{false};
  std::atomic<int> polling{0};  // workers inside a poll right now
  std::exception_ptr first_error;
  std::atomic<long long> later_errors{0};

 private:
  void unpark_one() {
    if (sleepers.load() == 0) return;  // the common case: everyone is busy
    {
      std::lock_guard lock(park_mutex);
      ++epoch;
    }
    park_cv.notify_one();
  }
  void signal_done() {
    { std::lock_guard lock(done_mutex); }  // pairs with the waiter's check under the lock
    done_cv.notify_all();
  }
  TaskRef next_task(std::size_t index);
  bool anything_queued() const {
    if (!injector.empty()) return true;
    for (const Queue& queue : locals) {
      if (!queue.empty()) return true;
    }
    return false;
  }
  bool park(std::size_t index);
  void run(std::size_t index, TaskRef task);
  void fail(std::exception_ptr error);
};

namespace {
// The worker running on this thread, if any: which executor and which index.
struct WorkerContext {
  Shared* shared = nullptr;
  std::size_t index = 0;
};
thread_local WorkerContext current;
}  // namespace

void Shared::enqueue(TaskRef task) {
  const bool own = current.shared == this;
  if (Observer* watching = observer()) watching->task_queued(this, task->id, own);  // --svg's hook, see observer.hpp
  if (own) {
    locals[current.index].push(std::move(task));
  } else {
    injector.push(std::move(task));
  }
  unpark_one();  // a parked worker may take it (or steal it) while we are busy
}

TaskRef Shared::next_task(std::size_t index) {
  WorkerCounters& counter = counters[index];
  Observer* watching = observer();  // --svg's hooks, see observer.hpp
  if (TaskRef task = locals[index].pop()) {
    ++counter.local;
    if (watching != nullptr) watching->task_taken(this, index, task->id, Observer::Taken::own_queue);
    return task;
  }
  if (TaskRef task = injector.pop()) {
    ++counter.injected;
    if (watching != nullptr) watching->task_taken(this, index, task->id, Observer::Taken::injector);
    return task;
  }
  // Steal: try every other worker once, starting with the next one.
  for (std::size_t k = 1; k < locals.size(); ++k) {
    std::vector<TaskRef> stolen = locals[(index + k) % locals.size()].take_half();
    if (stolen.empty()) continue;
    ++counter.steals;
    counter.stolen_tasks += static_cast<long long>(stolen.size());
    // Run the first now; keep the rest on our own queue, where others may
    // steal them back if we fall behind.
    for (std::size_t i = 1; i < stolen.size(); ++i) locals[index].push(std::move(stolen[i]));
    if (stolen.size() > 1) unpark_one();
    if (watching != nullptr) watching->task_taken(this, index, stolen.front()->id, Observer::Taken::stolen);
    return std::move(stolen.front());
  }
  return nullptr;
}

bool Shared::park(std::size_t index) {
  std::unique_lock lock(park_mutex);
  if (shutdown) return false;
  const std::uint64_t seen = epoch;
  ++sleepers;
  lock.unlock();
  // One last look after saying "I may sleep": a push from now on sees
  // sleepers > 0 and moves the epoch, so we either find its task here or
  // wake up for it below. Without this look, a push between our failed
  // search and the wait would be slept through (a lost wake-up).
  const bool work = anything_queued();
  lock.lock();
  if (!work && epoch == seen && !shutdown) {
    ++counters[index].parks;
    Observer* watching = observer();  // --svg's hooks, see observer.hpp
    if (watching != nullptr) watching->worker_parking(this, index);
    park_cv.wait(lock, [&] { return epoch != seen || shutdown; });
    if (watching != nullptr) watching->worker_unparked(this, index);
  }
  --sleepers;
  return !shutdown;
}

void Shared::fail(std::exception_ptr error) {
  {
    std::lock_guard lock(done_mutex);
    if (!first_error) {
      first_error = std::move(error);
    } else {
      ++later_errors;
    }
  }
  failed = true;
}

void Shared::run(std::size_t index, TaskRef task) {
  // Announce the poll before looking at `failed`: the cleanup waits for
  // `polling` to drop to 0 after setting `failed`, so either it sees us
  // here, or we see `failed` and leave the task alone.
  ++polling;
  int expected = kScheduled;
  if (failed || !task->state.compare_exchange_strong(expected, kRunning)) {
    // Failed: block_on destroys every task. Not SCHEDULED: destroyed already.
    if (--polling == 0 && failed) signal_done();
    return;
  }
  ++counters[index].polls;
  bool ready = false;
  std::exception_ptr error;
  try {
    ready = task->future->poll(Waker(shared_from_this(), task->id)).is_ready();
  } catch (...) {
    error = std::current_exception();
  }
  if (error) {
    // Out of the catch block first: from signal_done on, block_on may
    // rethrow and destroy the exception, and this thread must be done with it.
    fail(std::move(error));
    // The task stays RUNNING: nobody polls it again; the cleanup destroys it.
    if (--polling == 0) signal_done();
    return;
  }
  if (ready) {
    task->state.store(kDone);
    task->future.reset();  // destroyed now, on this worker
    {
      std::lock_guard lock(tasks_mutex);
      tasks.erase(task->id);
    }
    ++finished;
    --polling;
    if (--live == 0 || failed) signal_done();
    return;
  }
  // NotReady: back to IDLE, unless it was woken during the poll; then it
  // goes straight back on our queue.
  expected = kRunning;
  if (!task->state.compare_exchange_strong(expected, kIdle)) {
    task->state.store(kScheduled);  // it was NOTIFIED; only we can change that
    locals[index].push(std::move(task));
  }
  if (--polling == 0 && failed) signal_done();
}

void Shared::work(std::size_t index) {
  current = WorkerContext{this, index};
  if (Observer* watching = observer()) watching->worker_started(this, index);  // --svg's hook, see observer.hpp
  while (!stopping) {  // tasks still queued at shutdown are destroyed, not run
    if (TaskRef task = next_task(index)) {
      run(index, std::move(task));
      continue;
    }
    if (!park(index)) break;
  }
  current = WorkerContext{};
}

void Shared::wait_until_done() {
  std::unique_lock lock(done_mutex);
  done_cv.wait(lock, [&] { return live.load() == 0 || (failed.load() && polling.load() == 0); });
  if (!failed) return;
  std::exception_ptr error = std::exchange(first_error, nullptr);
  lock.unlock();
  // No worker is inside a poll, and none will start one while `failed` is
  // set: destroy every task, in spawn order, then make the executor usable
  // again and report the first error.
  destroy_all_tasks();
  failed = false;
  std::rethrow_exception(error);
}

}  // namespace detail

Executor::Executor(std::size_t workers) {
  if (workers == 0) throw std::invalid_argument("ws::Executor: at least one worker is needed");
  shared_ = std::make_shared<detail::Shared>(workers);
  threads_.reserve(workers);
  try {
    for (std::size_t i = 0; i < workers; ++i) {
      threads_.emplace_back([shared = shared_, i] { shared->work(i); });
    }
  } catch (...) {
    shared_->shut_down();
    for (auto& thread : threads_) thread.join();
    throw;
  }
}

Executor::~Executor() {
  shared_->shut_down();
  for (auto& thread : threads_) thread.join();
  // Wakers held elsewhere (the reactor) may keep shared_ alive; the tasks
  // must not outlive the executor.
  shared_->destroy_all_tasks();
}

void Executor::spawn(FuturePtr<void> future) { shared_->spawn(std::move(future)); }

std::size_t Executor::tasks() const noexcept {
  const auto live = shared_->live.load();
  return live < 0 ? 0 : static_cast<std::size_t>(live);
}

Executor::Stats Executor::stats() const {
  Stats stats;
  for (const auto& c : shared_->counters) {
    stats.workers.push_back(
        WorkerStats{c.polls.load(), c.local.load(), c.injected.load(), c.steals.load(), c.stolen_tasks.load(), c.parks.load()});
  }
  stats.spawned = shared_->spawned.load();
  stats.finished = shared_->finished.load();
  stats.wakes = shared_->wakes.load();
  stats.notified = shared_->notified.load();
  stats.later_errors = shared_->later_errors.load();
  return stats;
}

void Executor::check_not_own_worker() const {
  if (detail::current.shared == shared_.get()) {
    throw std::logic_error("ws::Executor::block_on: called on one of its own workers, which would wait for itself");
  }
}

void Executor::wait_until_done() { shared_->wait_until_done(); }

void spawn(FuturePtr<void> future) {
  if (detail::current.shared == nullptr) {
    throw std::logic_error("ws::spawn: this thread is not a worker of a ws::Executor");
  }
  detail::current.shared->spawn(std::move(future));
}

void spawn(Task<void> task) { ws::spawn(boxed(std::move(task))); }

std::optional<std::size_t> current_worker() noexcept {
  if (detail::current.shared == nullptr) return std::nullopt;
  return detail::current.index;
}

}  // namespace async::ws
