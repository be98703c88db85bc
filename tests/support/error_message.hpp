#pragma once
// Test support: the message of the error an action raises, for tests that check what it says.
#include <functional>
#include <string>

namespace h5kit::test {

// What `action` raised as an E, or "(no exception)" when it raised nothing of that kind (then every
// check on the message fails, naming the expected text).
template <class E>
std::string message_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const E& e) {
    return e.what();
  }
  return "(no exception)";
}

}  // namespace h5kit::test
