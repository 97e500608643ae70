// A clock the test moves by hand, for common::Timeline:
//
//   testing::FakeClock clock;
//   common::Timeline timeline(clock.now());
//   clock.advance(std::chrono::milliseconds(40));   // 40 ms pass, at once
#pragma once

#include <chrono>
#include <memory>

#include "common/timeline.hpp"

namespace testing {

class FakeClock {
 public:
  using time_point = common::Timeline::Clock::time_point;

  // A function reading this clock (it shares the time, so it may outlive the clock).
  [[nodiscard]] common::Timeline::Now now() const {
    return [time = time_] { return *time; };
  }
  void advance(std::chrono::nanoseconds by) { *time_ += std::chrono::duration_cast<common::Timeline::Clock::duration>(by); }

 private:
  std::shared_ptr<time_point> time_ = std::make_shared<time_point>(std::chrono::seconds(1000));
};

}  // namespace testing
