#include "runtime.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

namespace fibers {

namespace {
thread_local Runtime* tls_runtime = nullptr;  // the book's `static mut RUNTIME`, one per OS thread

// A function's address as a word written onto a stack.
template <class Function>
std::uint64_t address_of(Function* function) {
  // SAFETY: code addresses fit in 64 bits on both targets, and the words
  // are only ever consumed by the jumps of switch_context, skip and `ret`.
  return reinterpret_cast<std::uint64_t>(function);
}
}  // namespace

const char* to_string(State state) noexcept {
  switch (state) {
    case State::Available: return "Available";
    case State::Running: return "Running";
    case State::Ready: return "Ready";
  }
  return "?";
}

PoolFull::PoolFull(std::size_t max_threads)
    : std::runtime_error("fibers::spawn: no available thread: every fiber slot is in use (max_threads = " +
                         std::to_string(max_threads) + ", slot 0 being the thread that runs the Runtime); " +
                         "raise RuntimeOptions::max_threads or let a fiber finish first") {}

void throw_no_runtime(const char* function) {
  throw std::logic_error(std::string("fibers::") + function + ": no fibers::Runtime on this OS thread");
}

Runtime* Runtime::this_thread() noexcept { return tls_runtime; }

Runtime::Runtime(RuntimeOptions options) {
  if (options.max_threads < 2) throw std::invalid_argument("fibers::Runtime: max_threads must be at least 2");
  if (options.stack_size < Stack::page_size()) {
    throw std::invalid_argument("fibers::Runtime: stack_size must be at least one page (" +
                                std::to_string(Stack::page_size()) + " bytes)");
  }
  if (tls_runtime != nullptr) throw std::logic_error("fibers::Runtime: this OS thread already has one");

  threads_.reserve(options.max_threads);  // never grows again: contexts hold pointers into it
  Thread& base = threads_.emplace_back();  // slot 0: the OS thread, running this code now
  base.state = State::Running;
  sanitizer::adopt_current_thread(base.sanitizer);
  for (std::size_t slot = 1; slot < options.max_threads; ++slot) {
    Thread& thread = threads_.emplace_back();
    thread.slot = slot;
    thread.stack = Stack(options.stack_size);
  }
  tls_runtime = this;  // the book's init()
}

Runtime::~Runtime() {
  if (current_ != 0) {
    std::fputs("fibers::Runtime destroyed from inside one of its own fibers\n", stderr);
    std::abort();
  }
  for (Thread& thread : threads_) {
    if (thread.slot != 0) sanitizer::destroy_fiber(thread.sanitizer);
  }
  tls_runtime = nullptr;
}

std::size_t Runtime::available() const noexcept {
  return static_cast<std::size_t>(std::count_if(threads_.begin() + 1, threads_.end(),
                                                [](const Thread& t) { return t.state == State::Available; }));
}

void Runtime::run() {
  if (current_ != 0) throw std::logic_error("fibers::Runtime::run: called from a fiber");
  while (t_yield()) {
  }
}

// The scheduler: the next Ready slot after the current one, round robin.
bool Runtime::t_yield() {
  std::size_t pos = current_;
  while (threads_[pos].state != State::Ready) {
    pos = pos + 1 == threads_.size() ? 0 : pos + 1;
    if (pos == current_) return false;  // nobody else is Ready: keep running
  }

  Thread& old = threads_[current_];
  Thread& next = threads_[pos];
  const bool old_finished = old.state == State::Available;  // t_return got here first
  if (!old_finished) old.state = State::Ready;
  next.state = State::Running;
  previous_ = current_;
  current_ = pos;
  ++switches_;

  sanitizer::before_switch(old.sanitizer, old_finished, next.sanitizer);
  switch_context(&old.ctx, &next.ctx);
  // Resumed: some other context switched back to `old`, maybe much later.
  arrived();
  return true;
}

// A fiber's function returned: free its slot and never come back to it.
void Runtime::t_return() {
  if (current_ != 0) {
    threads_[current_].state = State::Available;
    finished_ = current_;
    t_yield();  // slot 0 is always Ready here (it yielded to get us running), so this never returns
  }
}

// First thing on every context after a switch lands on it.
void Runtime::arrived() noexcept {
  sanitizer::after_switch(threads_[current_].sanitizer, threads_[previous_].sanitizer);
  if (finished_ == kNone) return;
  const Thread& done = threads_[std::exchange(finished_, kNone)];
  sanitizer::forget_stack_contents(done.stack.bottom(), done.stack.size());
  for (const FiberHook& hook : finish_hooks_) hook(info(done));
}

FiberInfo Runtime::info(const Thread& thread) const {
  return FiberInfo{thread.id, thread.slot, thread.stack.bytes().first(thread.usable)};
}

void Runtime::spawn_task(Task task) {
  auto free = std::find_if(threads_.begin() + 1, threads_.end(),
                           [](const Thread& t) { return t.state == State::Available; });
  if (free == threads_.end()) throw PoolFull(threads_.size());
  Thread& thread = *free;
  thread.task = std::move(task);
  thread.id = ++next_id_;
  sanitizer::new_fiber(thread.sanitizer);
  thread.sanitizer.stack_bottom = thread.stack.bottom();
  thread.sanitizer.stack_size = thread.stack.size();
  sanitizer::forget_stack_contents(thread.stack.bottom(), thread.stack.size());

  // The top of the stack, rounded down to 16 bytes: both ABIs want a 16-byte
  // aligned stack (psABI §3.2.2, AAPCS64 §6.4.5). Our top is page aligned
  // already; the rounding states the rule rather than relying on it.
  // SAFETY: top() is one past the end of a mapping we own that is at least a
  // page long, so the four words below the rounded top are inside it.
  const std::uintptr_t top = reinterpret_cast<std::uintptr_t>(thread.stack.top()) & ~std::uintptr_t{15};
  auto* word = reinterpret_cast<std::uint64_t*>(top);
  thread.ctx = ThreadContext{};
  thread.ctx.thread_ptr = reinterpret_cast<std::uint64_t>(&thread);  // call's argument (rdi / x0)
  capture_fp_control(thread.ctx);  // start with the spawner's rounding mode, as a new OS thread would
#if defined(__x86_64__)
  // switch_context ends by popping a return address and jumping there: give
  // it `call`. When call returns it pops `skip`, whose `ret` pops `guard`.
  word[-1] = 0;                    // T-0x08: guard's return address: none; unwinders stop here
  word[-2] = address_of(&guard);   // T-0x10: skip returns here; guard starts with rsp = T-8
  word[-3] = address_of(&skip);    // T-0x18: call returns here
  word[-4] = address_of(&call);    // T-0x20: switch_context pops this; call starts with rsp = T-0x18
  thread.ctx.rsp = top - 0x20;     // rsp+8 = T-0x10 at call's entry: 16-byte aligned, as after a real `call`
  thread.ctx.rbp = 0;              // no caller frame: frame-pointer walks stop here
  thread.usable = static_cast<std::size_t>(top - 0x20 - reinterpret_cast<std::uintptr_t>(thread.stack.bottom()));
#elif defined(__aarch64__)
  // switch_context ends with `ret`, which branches to lr: give it `skip`,
  // which pops `call` and `guard` and starts call with lr = guard.
  word[-1] = address_of(&guard);   // T-0x08: call returns here through lr
  word[-2] = address_of(&call);    // T-0x10: skip branches here
  thread.ctx.sp = top - 0x10;      // 16-byte aligned, as AAPCS64 requires at all times
  thread.ctx.lr = address_of(&skip);
  thread.ctx.fp = 0;               // end of the frame-record chain (AAPCS64 §6.4.6)
  thread.usable = static_cast<std::size_t>(top - 0x10 - reinterpret_cast<std::uintptr_t>(thread.stack.bottom()));
#endif
  thread.state = State::Ready;
  for (const FiberHook& hook : spawn_hooks_) hook(info(thread));
}

// Entered by switch_context's jump (x86-64) or skip's `br` (aarch64), with
// the Thread in the first argument register. An exception cannot get past
// this frame: above it there are only skip and guard, and no unwinder can
// walk through them; it ends the program with a message instead.
void Runtime::call(Thread* thread) noexcept {
  tls_runtime->arrived();
  try {
    thread->task();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fibers: fiber %llu ended with an exception: %s\n",
                 static_cast<unsigned long long>(thread->id), e.what());
    std::terminate();
  } catch (...) {
    std::fprintf(stderr, "fibers: fiber %llu ended with an exception\n", static_cast<unsigned long long>(thread->id));
    std::terminate();
  }
  thread->task = Task{};  // destroy the callable and its captures here, on their own fiber
}

// Where a finished fiber lands (through skip on x86-64, through lr on aarch64).
void Runtime::guard() noexcept {
  tls_runtime->t_return();
  std::fputs("fibers: a finished fiber was resumed\n", stderr);  // t_return never returns
  std::abort();
}

void yield_thread() {
  Runtime* runtime = Runtime::this_thread();
  if (runtime == nullptr) throw_no_runtime("yield_thread");
  runtime->t_yield();
}

std::uint64_t current_fiber_id() noexcept {
  Runtime* runtime = Runtime::this_thread();
  return runtime == nullptr ? 0 : runtime->current_id();
}

}  // namespace fibers
