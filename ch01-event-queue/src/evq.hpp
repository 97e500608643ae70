// The whole event queue in one include, for the chapters that link it:
//
//   #include "evq.hpp"   // evq::Poll, Registry, Token, Interest, Trigger,
//                        // Event, Events, PollWaker
#pragma once

#include "event.hpp"
#include "interest.hpp"
#include "poll.hpp"
#include "poll_waker.hpp"
#include "registry.hpp"
#include "token.hpp"
